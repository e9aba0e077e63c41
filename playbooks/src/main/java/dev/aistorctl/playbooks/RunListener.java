package dev.aistorctl.playbooks;

/** Progress of a run, called from the hosts' worker threads; each call concerns one host. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void hostStarted(String host) {
    }

    /** A step begins on the host: its check and plan, or (with {@code applying}) the apply of its plan. */
    default void stepStarted(String host, PlaybookStep step, boolean applying) {
    }

    default void stepPlanned(String host, PlaybookStep step, StepPlan plan) {
    }

    /** How far the running step is in work of a known size (the bytes of an upload): {@code done} of {@code total}. */
    default void stepProgress(String host, long done, long total) {
    }

    default void stepFinished(String host, StepResult result) {
    }

    default void hostFinished(HostResult result) {
    }
}
