package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SecretRef;
import java.time.Duration;
import java.util.List;

/**
 * What a step sees of the one host it works on. Every command run through {@link #connector()} is
 * recorded in the run's journal (argv, exit code, duration; secret values redacted), so steps need not
 * record anything themselves.
 */
public interface StepContext {

    /** The host's name as the inventory names it. */
    default String host() {
        return inventoryHost().name();
    }

    InventoryHost inventoryHost();

    /** The whole inventory, for steps that need cluster-wide settings (pools, erasure layout, node config). */
    Inventory inventory();

    /** The run's id, e.g. {@code 20261125T151900Z-ab12}. */
    String runId();

    /** The host's connection; commands through it are journaled. */
    Connector connector();

    /**
     * The host's facts, gathered on first use in one round trip and kept until the runner applies a change
     * (after which the next call gathers again, so {@link Step#verify} sees the new state).
     */
    HostFacts facts();

    /** Runs a command; a non-zero exit is a result for the step to judge. */
    default ExecResult run(Command command) {
        return connector().run(command);
    }

    /**
     * Runs a command that must succeed for {@code action} (e.g. "set net.core.somaxconn"): a non-zero exit
     * throws a {@link dev.aistorctl.core.RemoteException} naming the host, the action, the exit code and the
     * last lines of stderr.
     */
    ExecResult runChecked(Command command, String action);

    /** As {@link #runChecked(Command, String)} with a timeout of its own. */
    ExecResult runChecked(Command command, String action, Duration timeout);

    /**
     * Resolves a secret for use in a command or file and registers its value with the run's redactor first,
     * so it can never appear in output, plans or the journal.
     */
    String secret(SecretRef ref);

    /**
     * How far the step is in work of a known size ({@code done} of {@code total} bytes of an upload), for the
     * progress display; called as often as the work advances, the display decides how often to show it.
     */
    default void progress(long done, long total) {
    }

    /** A line for the journal (and the progress output with --debug), e.g. why a key was left alone. */
    void note(String message);

    /**
     * A short line that belongs to the applied step's result, shown beside its outcome ("applied 1 change; …")
     * and journaled with it, e.g. where the server binary came from. Outside a runner it is a {@link #note}.
     */
    default void outcome(String message) {
        note(message);
    }

    /**
     * The run this host is part of: its hosts and the objects their steps share. Outside a runner, a run of
     * this host alone.
     */
    default RunShared run() {
        return RunShared.of(List.of(host()));
    }

    /**
     * Runs {@code action} after the host's last step and before its lock is let go (which stops the run's
     * processes on the host), e.g. to keep serving a file to other hosts until they have it. Outside a runner
     * it runs at once.
     */
    default void beforeLettingGo(Runnable action) {
        action.run();
    }
}
