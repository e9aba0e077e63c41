package dev.aistorctl.playbooks;

/** Progress of a run, called from the hosts' worker threads; each call concerns one host. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void hostStarted(String host) {
    }

    default void stepPlanned(String host, PlaybookStep step, StepPlan plan) {
    }

    default void stepFinished(String host, StepResult result) {
    }

    default void hostFinished(HostResult result) {
    }
}
