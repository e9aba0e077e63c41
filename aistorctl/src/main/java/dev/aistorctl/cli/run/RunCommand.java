package dev.aistorctl.cli.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.cli.BreakLockOption;
import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.workflows.run.PlaybookRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run",
        description = "Run a playbook on the inventory's hosts: check and plan every step, apply, verify. "
                + "Every run is journaled under $AISTORCTL_HOME/runs (default ~/.aistorctl/runs).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl run ping -i inventory.yaml",
            "  aistorctl run tune -i inventory.yaml --dry-run",
            "  aistorctl run tune -i inventory.yaml --serial 25%% --max-fail-percentage 10",
            "  aistorctl run ./site-playbook.yaml -i inventory.yaml --limit 'node0[1-4]'",
            "",
            "Exit 0 when every host succeeded, 1 when a host failed, 4 for an invalid playbook or inventory."
        })
public final class RunCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "PLAYBOOK",
            description = "A built-in playbook name (e.g. ping) or a path to a playbook YAML file.")
    String playbook;

    @Option(names = "--dry-run", description = "Check and plan every step on every host, print the plans, change nothing.")
    boolean dryRun;

    @Option(names = "--serial", paramLabel = "N|N%",
            description = "Rolling batches: N hosts (or N%% of them) at a time, each batch done before the next starts.")
    String serial;

    @Option(names = "--max-fail-percentage", paramLabel = "P", defaultValue = "100",
            description = "Start no more hosts once more than P%% of the run's hosts have failed; they are reported skipped (default: ${DEFAULT-VALUE}, never stop).")
    int maxFailPercentage;

    @Option(names = "--allow-destructive",
            description = "Apply plans that destroy data (formatting drives). Review them with --dry-run first.")
    boolean allowDestructive;

    @Mixin
    FanoutOptions fanout;

    @Mixin
    BreakLockOption breakLock;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Playbook book = new PlaybookLoader(StepRegistry.builtIn()).resolve(playbook);
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.requireHosts(inventory, "to run on");
        RunOptions options = new RunOptions(dryRun, fanout.parallel(hosts.size()),
                serial == null ? Serial.ALL : Serial.parse(serial), maxFailPercentage, allowDestructive);
        PlaybookRun run = new PlaybookRun(inventory, hosts, fanout.acceptNewHostKeys()).breakingLock(breakLock.runId());
        RunResult result = run.execute(book, options, args(global, options), "playbook " + book.name(), run.progress(terminal, book), terminal);
        run.show(result, terminal);
        if (!terminal.json()) {
            terminal.progress("journal: " + run.journalOf(result.runId()));
        }
        return hostsOk(result.ok());
    }

    private Map<String, String> args(GlobalOptions global, RunOptions options) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("playbook", playbook);
        args.put("parallel", String.valueOf(options.parallel()));
        args.put("serial", options.serial().toString());
        args.put("max_fail_percentage", String.valueOf(options.maxFailPercentage()));
        args.put("allow_destructive", String.valueOf(options.allowDestructive()));
        return global.withLimit(args);
    }
}
