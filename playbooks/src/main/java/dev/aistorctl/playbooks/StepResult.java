package dev.aistorctl.playbooks;

import java.time.Duration;

/**
 * One step on one host.
 *
 * @param plan   what plan() returned, or null when it never got that far
 * @param reason why a step was ok without changes, not applicable, or skipped
 * @param error  for a failed step: host, step, action and cause, with the remote stderr tail
 */
public record StepResult(int index, String name, String type, StepStatus status, StepPlan plan, String reason,
                         String error, Duration duration) {

    static StepResult skipped(PlaybookStep s, String reason) {
        return new StepResult(s.index(), s.name(), s.step().type(), StepStatus.SKIPPED, null, reason, null, Duration.ZERO);
    }
}
