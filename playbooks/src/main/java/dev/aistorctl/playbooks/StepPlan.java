package dev.aistorctl.playbooks;

import java.util.List;

/**
 * What a step would do on one host: either nothing, with the reason why (so a converged host says
 * why it is converged), or an ordered list of changes; and what the engineer should know that the plan
 * does not change ({@code warnings}: an eligible drive left over, ...), shown as WARN lines of the plan.
 */
public record StepPlan(String step, String host, List<Change> changes, String nothingToDoBecause, List<String> warnings) {

    public StepPlan(String step, String host, List<Change> changes, String nothingToDoBecause) {
        this(step, host, changes, nothingToDoBecause, List.of());
    }

    public StepPlan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        if (changes.isEmpty() == (nothingToDoBecause == null)) {
            throw new IllegalArgumentException("a plan has either changes or a reason for having none");
        }
    }

    public static StepPlan nothingToDo(String step, String host, String because) {
        return new StepPlan(step, host, List.of(), because);
    }

    public static StepPlan changes(String step, String host, List<Change> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("use nothingToDo for an empty plan of step " + step + " on " + host);
        }
        return new StepPlan(step, host, changes, null);
    }

    /** This plan with {@code more} warnings. */
    public StepPlan withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new StepPlan(step, host, changes, nothingToDoBecause, all);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public boolean destructive() {
        return changes.stream().anyMatch(Change::destructive);
    }
}
