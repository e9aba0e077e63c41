package dev.aistorctl.playbooks.steps;

import dev.aistorctl.core.Command;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;

/**
 * The host answers: a command runs there (as root when {@code root: true}, proving sudo works without a
 * password). Changes nothing; a host that cannot run the command fails the step.
 */
public final class Reachable implements Step {
    public static final String TYPE = "reachable";

    private final boolean root;

    public Reachable(boolean root) {
        this.root = root;
    }

    public static Reachable fromParams(StepParams params) {
        params.allowOnly("root");
        return new Reachable(params.bool("root", false));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return root ? "reachable (as root)" : "reachable";
    }

    @Override
    public StepCheck check(StepContext context) {
        Command id = Command.of("id", "-un");
        context.runChecked(root ? id.asRoot() : id, "run a command" + (root ? " as root" : ""));
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        String kernel = context.runChecked(Command.of("uname", "-sr"), "read the kernel version").stdoutText().strip();
        return StepPlan.nothingToDo(describe(), context.host(), "answers" + (root ? " as root" : "") + ", " + kernel);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        throw new IllegalStateException("reachable never plans a change");
    }
}
