package dev.aistorctl.workflows.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Runner;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.LockHolder;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.remote.Connections;
import dev.aistorctl.workflows.remote.KeptConnections;

/**
 * One playbook run as every command that changes hosts makes it: a run id, SSH connections, the host
 * lock, a journal with the inventory's secrets redacted, and the runner.
 */
public final class PlaybookRun {
    private final Inventory inventory;
    private final List<InventoryHost> hosts;
    private final boolean acceptNewHostKeys;
    private final Redactor redactor;
    private final RunStore store = RunStore.standard();
    private KeptConnections kept;
    private HeldLocks locks;
    /** The id of the next run, chosen early because the command's locks name it; null: a new one. */
    private String nextRunId;
    private String breakLock;

    public PlaybookRun(Inventory inventory, List<InventoryHost> hosts, boolean acceptNewHostKeys) {
        this(inventory, hosts, acceptNewHostKeys, redactorFor(inventory));
    }

    /** A run sharing a redactor with work around it (pre-flight, health), so that output is redacted alike. */
    public PlaybookRun(Inventory inventory, List<InventoryHost> hosts, boolean acceptNewHostKeys, Redactor redactor) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.acceptNewHostKeys = acceptNewHostKeys;
        this.redactor = redactor;
    }

    /** Runs from now on log in through {@code kept}: one login per host for all of them. */
    public PlaybookRun keeping(KeptConnections connections) {
        this.kept = connections;
        return this;
    }

    /**
     * Runs from now on use the command's {@code locks}, held across runs on the kept connections (which they need:
     * a lock lives on its connection), instead of each taking its own.
     */
    public PlaybookRun holding(HeldLocks locks) {
        if (kept == null) {
            throw new IllegalStateException("held locks need kept connections");
        }
        this.locks = locks;
        return this;
    }

    /**
     * The host locks of a command whose runs are all made by this object (plan, go-ahead, apply), on {@code kept},
     * from now on used by its runs: the holder file names the command's first run, whose id is chosen now, so that
     * {@code --break-lock} and the refusal of a second command name a run with a journal.
     */
    public HeldLocks holdLocks(KeptConnections kept) {
        Instant now = Instant.now();
        nextRunId = RunIds.next(now);
        HeldLocks held = new HeldLocks(new HostLock().breaking(breakLock), LockHolder.thisProcess(nextRunId, now),
                Interruption.process());
        keeping(kept).holding(held);
        return held;
    }

    /**
     * Runs from now on take over a stale host lock held by run {@code runId} (and only by that run), stopping its
     * remaining processes on the host first; null breaks nothing.
     *
     * @throws IllegalArgumentException when {@code runId} is not a run id
     */
    public PlaybookRun breakingLock(String runId) {
        try {
            new HostLock().breaking(runId);
        } catch (IllegalArgumentException e) {
            throw new dev.aistorctl.core.UsageException("--break-lock: " + e.getMessage());
        }
        this.breakLock = runId;
        return this;
    }

    /** A redactor primed with the inventory's root password when it can be resolved now. */
    public static Redactor redactorFor(Inventory inventory) {
        return Secrets.redactorFor(inventory);
    }

    /** The progress of {@code aistorctl run} on a board of the run's own, for commands that run a built-in playbook the same way. */
    public RunListener progress(Output terminal, Playbook book) {
        return RunProgress.own(terminal, redactor, book.steps().size(), book.name(), hosts.stream().map(InventoryHost::name).toList());
    }

    /** The progress of a run that is one part of {@code board}, a phase of several runs whose owner closes it. */
    public RunListener progress(Output terminal, Playbook book, HostBoard board) {
        return new RunProgress(terminal, redactor, book.steps().size(), board, book.name(), false, hosts.size());
    }

    /**
     * The progress of a plan that is one part of {@code board} (provision's plans), whose text is printed next and
     * says what failed and why: the board alone, no line per step.
     */
    public RunListener planProgress(Output terminal, Playbook book, HostBoard board) {
        return new RunProgress(terminal, redactor, book.steps().size(), board, book.name(), false, hosts.size(), true);
    }

    /** The run as JSON (redacted), as {@code run -o json} prints it. */
    public com.fasterxml.jackson.databind.JsonNode json(RunResult result) {
        return redactor.redact(RunJson.result(result));
    }

    /** The text report of a finished run: changes, the host table. */
    public String report(RunResult result, Output terminal) {
        return RunReport.text(result, redactor, terminal);
    }

    /** The finished run as a program or a person reads it: its JSON, or its text report. */
    public void show(RunResult result, Output output) {
        if (output.json()) {
            output.printJson(json(result));
        } else {
            output.println(report(result, output));
        }
    }

    /** Redacts every secret of the inventory, and any a step resolved during the run. */
    public Redactor redactor() {
        return redactor;
    }

    public RunStore store() {
        return store;
    }

    public Path journalOf(String runId) {
        return store.runsDir().resolve(runId).resolve(Journal.FILE);
    }

    /**
     * Runs {@code book} (plan and apply step by step, or the plan stage alone with dry run); {@code headline} opens it,
     * unless null: a run whose caller names it in a headline of its own.
     */
    public RunResult execute(Playbook book, RunOptions options, Map<String, String> args, String headline,
                             RunListener listener, Output terminal) {
        return start(book, args, (options.dryRun() ? "dry run " : "run "), headline, "", listener, terminal,
                runner -> runner.run(book, hosts, options));
    }

    /** The plan stage of {@code book}: every step checked and planned on every host under its lock, nothing changed. */
    public RunResult plan(Playbook book, RunOptions options, Map<String, String> args, String headline, RunListener listener,
                          Output terminal) {
        return start(book, args, "dry run ", headline, "", listener, terminal, runner -> runner.plan(book, hosts, options));
    }

    /**
     * Applies exactly {@code reviewed} with the go-ahead a person gave for it; a host whose state no longer gives
     * that plan is refused untouched (the engine decides, in one place).
     */
    public RunResult apply(Playbook book, RunPlan reviewed, GoAhead.Verdict goAhead, RunOptions options,
                           Map<String, String> args, String headline, RunListener listener, Output terminal) {
        return start(book, args, "run ", headline, ", as planned by " + reviewed.runId(), listener, terminal,
                runner -> runner.apply(book, hosts, reviewed, goAhead, options));
    }

    private RunResult start(Playbook book, Map<String, String> args, String kind, String headline, String tail,
                            RunListener listener, Output terminal, Function<Runner, RunResult> body) {
        String runId = nextRunId != null ? nextRunId : RunIds.next(Instant.now());
        nextRunId = null;
        Connections connections = new Connections(inventory, hosts, acceptNewHostKeys);
        // From before its journal opens to after it closes, a Ctrl-C is this run's to record, never an exit without one.
        try (Interruption.Registration present = Interruption.process().listen(Interruption.Listener.PRESENT);
             Journal journal = Journal.create(store.runsDir(), runId, redactor)) {
            journal.runStarted(book, String.valueOf(inventory.source()), hosts.stream().map(InventoryHost::name).toList(), args);
            if (headline != null) {
                terminal.progress(kind + runId + ": " + headline + " on " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s")
                        + tail);
            }
            Runner runner = Runner.builder()
                    .runId(runId)
                    .inventory(inventory)
                    .connect(h -> kept != null ? kept.open(h.name()) : connections.open(h.name()))
                    .lock(new HostLock().breaking(breakLock))
                    .heldLocks(locks)
                    .journal(journal)
                    .redactor(redactor)
                    .listener(listener)
                    .build();
            RunResult result = body.apply(runner);
            journal.runFinished(result);
            return result;
        }
    }
}
