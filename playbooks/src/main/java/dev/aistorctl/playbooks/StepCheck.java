package dev.aistorctl.playbooks;

import java.util.Objects;

/**
 * Whether a step can run on a host: ready, not applicable (skipped, with the reason, and not a failure:
 * e.g. a global sysctl inside a container), or blocked (the step fails with the reason, e.g. a tool is
 * missing).
 */
public record StepCheck(Status status, String reason) {

    public enum Status { READY, NOT_APPLICABLE, BLOCKED }

    public StepCheck {
        Objects.requireNonNull(status, "status");
        if (status != Status.READY && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a step that does not run must say why");
        }
    }

    public static StepCheck ready() {
        return new StepCheck(Status.READY, null);
    }

    public static StepCheck notApplicable(String because) {
        return new StepCheck(Status.NOT_APPLICABLE, because);
    }

    public static StepCheck blocked(String because) {
        return new StepCheck(Status.BLOCKED, because);
    }

    public boolean isReady() {
        return status == Status.READY;
    }
}
