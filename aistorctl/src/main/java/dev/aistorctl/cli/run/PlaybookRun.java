package dev.aistorctl.cli.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.remote.Connections;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Runner;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.lock.HostLock;

/**
 * One journaled playbook run over SSH with progress lines, as {@code aistorctl run} does it; commands
 * that run built-in playbooks (node install, start, restart) use the same wiring.
 *
 * @param args what the journal records as the run's arguments
 */
public record PlaybookRun(Inventory inventory, List<InventoryHost> hosts, Playbook playbook, RunOptions options,
                          boolean acceptNewHostKeys, String lockFile, Map<String, String> args, Redactor redactor) {

    /** The run's redactor, primed with the inventory's root password when it can be resolved now. */
    public static Redactor redactorFor(Inventory inventory) {
        return Secrets.redactorFor(inventory);
    }

    public static String defaultLockFile() {
        return HostLock.DEFAULT_PATH;
    }

    /** Runs, journals and prints progress; the report is the caller's (text or JSON). */
    public RunResult execute(Terminal terminal) {
        String runId = RunIds.next(Instant.now());
        RunStore store = RunStore.standard();
        Connections connections = new Connections(inventory, hosts, acceptNewHostKeys);
        RunResult result;
        try (Journal journal = Journal.create(store.runsDir(), runId, redactor)) {
            journal.runStarted(playbook, String.valueOf(inventory.source()), hosts.stream().map(InventoryHost::name).toList(), args);
            terminal.progress((options.dryRun() ? "dry run " : "run ") + runId + ": playbook " + playbook.name() + " on "
                    + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"));
            Runner runner = Runner.builder()
                    .runId(runId)
                    .inventory(inventory)
                    .connect(h -> connections.open(h.name()))
                    .lock(new HostLock(lockFile))
                    .journal(journal)
                    .redactor(redactor)
                    .listener(new RunProgress(terminal, redactor, playbook.steps().size(), hosts.size()))
                    .build();
            result = runner.run(playbook, hosts, options);
            journal.runFinished(result);
        }
        return result;
    }

    /** The human report of a finished run: changes, the host table, the journal's path. */
    public static String report(RunResult result, Redactor redactor, Terminal terminal) {
        return RunReport.text(result, redactor, terminal);
    }

    public static String journalPath(RunResult result) {
        return RunStore.standard().runsDir().resolve(result.runId()).resolve(Journal.FILE).toString();
    }
}
