package dev.aistorctl.playbooks;

import java.time.Duration;
import java.util.List;

/**
 * Everything that happened on one host.
 *
 * @param error the first failure (connect, lock, or a step), naming host, action and cause; null when none
 */
public record HostResult(String host, List<StepResult> steps, String error, Duration duration) {
    public HostResult {
        steps = List.copyOf(steps);
    }

    public boolean failed() {
        return error != null;
    }

    /** Not started at all: the run stopped before this host (--max-fail-percentage). */
    public boolean skipped() {
        return error == null && !steps.isEmpty() && steps.stream().allMatch(s -> s.status() == StepStatus.SKIPPED);
    }

    public long count(StepStatus status) {
        return steps.stream().filter(s -> s.status() == status).count();
    }

    public StepStatus outcome() {
        if (failed()) {
            return StepStatus.FAILED;
        }
        if (skipped()) {
            return StepStatus.SKIPPED;
        }
        return count(StepStatus.CHANGED) > 0 ? StepStatus.CHANGED : StepStatus.OK;
    }
}
