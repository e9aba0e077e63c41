package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import java.util.List;

/**
 * One desired state on a host, e.g. "sysctl net.core.somaxconn is 65535" or "drive S1 is XFS labelled
 * dc1-d01". The runner drives every step through the same stages:
 *
 * <ol>
 *   <li>{@link #check}: can this step work on this host at all (tools present, not a container for a
 *       global setting)? Read-only.</li>
 *   <li>{@link #plan}: read the current state and say what would change, or why nothing needs to.
 *       Read-only: a dry run is exactly "check and plan every step, then stop".</li>
 *   <li>{@link #apply}: make the planned changes. Only the runner calls it, and only with a non-empty plan
 *       this step just returned for the same host.</li>
 *   <li>{@link #verify}: read the state again; a plan that is still not empty means the step did not
 *       converge and the runner fails it.</li>
 * </ol>
 *
 * <p>Steps are idempotent by construction: they always plan from the state they read, never from what a
 * previous run did, so a second run on a converged host plans nothing. A step instance holds only its
 * parameters and is shared by every host of a run, so it must keep no per-host state in fields.
 */
public interface Step {

    /** The registered type, as written after {@code step:} in a playbook. */
    String type();

    /** What this instance makes true, for plans and progress lines, e.g. {@code sysctl net.core.somaxconn=65535}. */
    default String describe() {
        return type();
    }

    /**
     * The read-only commands {@link #check} and {@link #plan} will run on this host, exactly as they will run them
     * (same argv, environment and privilege, nothing on stdin); the default is none. Before it plans a host, the
     * runner runs the reads of all its steps in one remote command and answers each step's check and plan from
     * it when the step runs one of its own declared reads; a read declared but not run costs nothing more, and a
     * command not declared runs on the host as always. Apply and verify always read the host afresh.
     *
     * <p>Declare only commands that change nothing, and never a read that guards a destructive change (a
     * drive's identity before a format): such a read must be made by the step itself, at the moment it decides.
     */
    default List<Command> reads(StepContext context) {
        return List.of();
    }

    /** Preconditions; the default is "ready". May run read-only commands. */
    default StepCheck check(StepContext context) {
        return StepCheck.ready();
    }

    /** The changes that would make the host match this step, from the state read now. Read-only. */
    StepPlan plan(StepContext context);

    /**
     * Makes the changes of {@code plan}. Throws (a {@link dev.aistorctl.core.RemoteException} naming the
     * action and the remote stderr) when a change cannot be made; {@link StepContext#runChecked} does that.
     */
    void apply(StepContext context, StepPlan plan);

    /** The changes still needed after apply; empty when converged. Plans again unless a step knows better. */
    default StepPlan verify(StepContext context) {
        return plan(context);
    }
}
