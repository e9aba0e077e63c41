package dev.aistorctl.cli.tune;

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
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import dev.aistorctl.workflows.run.PlaybookRun;
import dev.aistorctl.workflows.tune.TuneStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tune",
        description = "Tune the kernel and OS of every host for MinIO AIStor (the built-in tune playbook): sysctl, CPU "
                + "governor, transparent huge pages, NVMe scheduler, open file limits, live and persisted for boot; "
                + "network links are checked. Shows each setting's current -> wanted value. The values replaced are "
                + "recorded on each host in /var/lib/aistorctl/tune-original.json, and --revert puts them back.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl tune -i inventory.yaml --dry-run",
            "  aistorctl tune -i inventory.yaml",
            "  aistorctl tune -i inventory.yaml --profile ./site-tuning.yaml --limit 'node0[1-4]'",
            "  aistorctl tune -i inventory.yaml --revert --dry-run",
            "",
            "Settings a host cannot take (not in its kernel; global kernel settings inside a container) are reported",
            "as not applicable on that host, which is not a failure.",
            "Exit 0 when every host succeeded, 1 when a host failed, 4 for an invalid profile or inventory."
        })
public final class TuneCommand extends CliCommand {

    @Option(names = "--dry-run", description = "Read every setting and show the changes (current -> wanted); change nothing.")
    boolean dryRun;

    @Option(names = "--revert",
            description = "Put back the values recorded before the first tune (current -> original) and remove the persisted files.")
    boolean revert;

    @Option(names = "--profile", paramLabel = "NAME|PATH",
            description = "Tuning profile: a built-in name or a YAML file (default: the inventory's cluster.tuning_profile, else "
                    + TuningProfiles.DEFAULT + ").")
    String profileOption;

    /** The profile applied: --profile, else the inventory's, else the default. */
    private String profile;

    @Option(names = "--apply-mtu",
            description = "Set the profile's MTU on the links that are up. Only when every switch port on the path carries "
                    + "the larger frames: a wrong MTU on the link in use cuts the connection.")
    boolean applyMtu;

    @Mixin
    FanoutOptions fanout;

    @Mixin
    BreakLockOption breakLock;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventoryToConnect();
        profile = TuneStage.profile(inventory, profileOption);
        Playbook book = TuneStage.playbook(profile, revert, applyMtu);
        List<InventoryHost> hosts = global.requireHosts(inventory, "to tune");
        RunOptions options = new RunOptions(dryRun, fanout.parallel(hosts.size()), Serial.ALL, 100, false);
        PlaybookRun run = new PlaybookRun(inventory, hosts, fanout.acceptNewHostKeys()).breakingLock(breakLock.runId());
        RunResult result = run.execute(book, options, args(global, options),
                revert ? "revert tuning" : "tune with profile " + profile,
                run.progress(terminal, book), terminal);
        if (terminal.json()) {
            terminal.printJson(TuneStage.json(result, run.store(), profile, revert));
        } else {
            terminal.println(TuneStage.text(result, run.store(), terminal));
            terminal.progress("journal: " + run.journalOf(result.runId()));
        }
        return hostsOk(result.ok());
    }

    private Map<String, String> args(GlobalOptions global, RunOptions options) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("command", "tune");
        args.put("profile", profile);
        args.put("revert", String.valueOf(revert));
        args.put("apply_mtu", String.valueOf(applyMtu));
        args.put("parallel", String.valueOf(options.parallel()));
        return global.withLimit(args);
    }
}
