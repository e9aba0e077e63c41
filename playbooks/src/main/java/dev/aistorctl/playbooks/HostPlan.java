package dev.aistorctl.playbooks;

import java.util.List;

/**
 * What the plan stage found on one host: every step's plan, in playbook order.
 *
 * @param error the host's failure while planning (connect, lock, a step that could not plan); null when none
 */
public record HostPlan(String host, List<PlannedStep> steps, String error) {
    public HostPlan {
        steps = List.copyOf(steps);
    }

    public boolean failed() {
        return error != null;
    }

    /** Every change planned on this host, in step order. */
    public List<Change> changes() {
        return steps.stream().filter(s -> s.plan() != null).flatMap(s -> s.plan().changes().stream()).toList();
    }
}
