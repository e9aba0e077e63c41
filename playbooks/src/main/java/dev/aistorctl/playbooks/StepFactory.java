package dev.aistorctl.playbooks;

/**
 * Builds a step from its playbook parameters. Bad parameters are reported through {@link StepParams}
 * ({@link StepParams#fail}), which names the playbook file, line and column.
 */
@FunctionalInterface
public interface StepFactory {
    Step create(StepParams params);
}
