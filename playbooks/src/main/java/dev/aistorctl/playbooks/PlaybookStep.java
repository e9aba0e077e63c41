package dev.aistorctl.playbooks;

import java.util.Objects;

/**
 * One entry of a playbook's {@code steps:} list.
 *
 * @param index 1-based position in the playbook
 * @param name  the entry's {@code name:}, or the step's own description when none is written
 * @param where where the entry is written, e.g. {@code tune.yaml:12:5}
 */
public record PlaybookStep(int index, String name, Step step, String where) {
    public PlaybookStep {
        Objects.requireNonNull(step, "step");
        name = name == null || name.isBlank() ? step.describe() : name;
    }
}
