package dev.aistorctl.playbooks;

import java.util.Objects;

/**
 * One step of one host as the plan stage left it.
 *
 * @param status OK (nothing to do, or not applicable: see {@code reason}), CHANGED (would make the changes of
 *               {@code plan}), FAILED (could not plan: see {@code error}), SKIPPED (not planned: see {@code reason})
 * @param plan   what the step planned, or null when it never got that far
 */
public record PlannedStep(int index, String name, String type, StepStatus status, StepPlan plan, String reason,
                          String error) {
    public PlannedStep {
        Objects.requireNonNull(status, "status");
    }

    static PlannedStep of(StepResult r) {
        return new PlannedStep(r.index(), r.name(), r.type(), r.status(), r.plan(), r.reason(), r.error());
    }

    /** "nothing to do", "not applicable: ...", "3 changes", "failed: ..." for a difference between two plans. */
    String summary() {
        return switch (status) {
            case CHANGED -> plan.changes().size() + " change" + (plan.changes().size() == 1 ? "" : "s");
            case FAILED -> "failed: " + error;
            case SKIPPED -> "skipped: " + reason;
            case OK -> reason != null && reason.startsWith("not applicable") ? reason : "nothing to do";
        };
    }
}
