package dev.aistorctl.playbooks;

/** How one step ended on one host. In a dry run, CHANGED means "would change". */
public enum StepStatus {
    /** Nothing to do, or not applicable here. */
    OK,
    /** Changes were applied and verified (or, in a dry run, planned). */
    CHANGED,
    FAILED,
    /** Not run: an earlier step failed, or the run stopped before this host. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
