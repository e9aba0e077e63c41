package dev.aistorctl.workflows.provision;

/**
 * Whether a shown plan may be applied. Formatting always needs --wipe-drives, even after a typed
 * confirmation, because a typed name confirms the cluster, not the loss of the drives' data.
 */
public enum GoAhead {
    /** --dry-run: stop after the plan. */
    DRY_RUN,
    /** Formats planned without --wipe-drives: nothing is changed. */
    REFUSE_FORMATS,
    /** Changes planned and no --yes: ask for the cluster's name on the terminal (refused when there is none). */
    ASK,
    APPLY;

    public static GoAhead decide(boolean dryRun, boolean yes, boolean wipeDrives, int formats, int changes) {
        if (dryRun) {
            return DRY_RUN;
        }
        if (formats > 0 && !wipeDrives) {
            return REFUSE_FORMATS;
        }
        if (changes == 0 || yes) {
            return APPLY;
        }
        return ASK;
    }
}
