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
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.lock.HostLock;

/**
 * A journaled playbook run over SSH with progress lines, as every command that runs a playbook does it
 * ({@code run}, {@code drives prepare}): one connection per host, the host lock, the journal under the run
 * store, the inventory's secrets redacted.
 */
public final class PlaybookRun {
    private final Inventory inventory;
    private final Redactor redactor;

    public PlaybookRun(Inventory inventory) {
        this.inventory = inventory;
        this.redactor = Secrets.redactorFor(inventory);
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Runs {@code book} on {@code hosts}; {@code args} are recorded in the journal as the command's arguments. */
    public RunResult run(Terminal terminal, Playbook book, List<InventoryHost> hosts, RunOptions options,
            boolean acceptNewHostKeys, String lockFile, Map<String, String> args) {
        String runId = RunIds.next(Instant.now());
        RunStore store = RunStore.standard();
        Connections connections = new Connections(inventory, hosts, acceptNewHostKeys);
        RunResult result;
        try (Journal journal = Journal.create(store.runsDir(), runId, redactor)) {
            journal.runStarted(book, String.valueOf(inventory.source()), hosts.stream().map(InventoryHost::name).toList(), args);
            terminal.progress((options.dryRun() ? "dry run " : "run ") + runId + ": playbook " + book.name() + " on "
                    + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"));
            Runner runner = Runner.builder()
                    .runId(runId)
                    .inventory(inventory)
                    .connect(h -> connections.open(h.name()))
                    .lock(new HostLock(lockFile))
                    .journal(journal)
                    .redactor(redactor)
                    .listener(new RunProgress(terminal, redactor, book.steps().size(), hosts.size()))
                    .build();
            result = runner.run(book, hosts, options);
            journal.runFinished(result);
        }
        if (!terminal.json()) {
            terminal.progress("journal: " + store.runsDir().resolve(runId).resolve(Journal.FILE));
        }
        return result;
    }

    /** The run's summary: changes, the host table and the closing line (redacted). */
    public String report(RunResult result, Terminal terminal) {
        return RunReport.text(result, redactor, terminal);
    }

    /** The run as JSON (redacted), as {@code run -o json} prints it. */
    public com.fasterxml.jackson.databind.JsonNode json(RunResult result) {
        return redactor.redact(RunJson.result(result));
    }
}
