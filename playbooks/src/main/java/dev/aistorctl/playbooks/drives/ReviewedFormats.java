package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeDifference;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepPlan;
import java.util.List;
import java.util.Map;

/**
 * The old path of "format exactly the reviewed drives", kept while the command line still builds it
 * ({@link XfsDrives#withReviewed}): the format step whose plan must hold, by host, exactly the
 * destructive changes reviewed earlier. A reviewed change read back from a saved dry run may have no
 * key, so changes are compared by their text here. {@code Runner.apply} with a reviewed
 * {@link dev.aistorctl.playbooks.RunPlan} replaces it, for every step and with keys.
 */
final class ReviewedFormats implements Step {
    private final XfsDrives step;
    private final Map<String, List<Change>> reviewed;

    ReviewedFormats(XfsDrives step, Map<String, List<Change>> reviewed) {
        this.step = step;
        this.reviewed = Map.copyOf(reviewed);
    }

    @Override
    public String type() {
        return step.type();
    }

    @Override
    public String describe() {
        return step.describe();
    }

    @Override
    public StepCheck check(StepContext context) {
        return step.check(context);
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan plan = step.plan(context);
        List<Change> destructive = plan.changes().stream().filter(Change::destructive).toList();
        List<Change> expected = reviewed.getOrDefault(context.host(), List.of());
        boolean same = expected.size() == destructive.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).sameDisplay(destructive.get(i));
        }
        if (!same) {
            throw new RemoteException(context.host(), "plan drives", "device state changed since the reviewed plan: "
                    + String.join("; ", ChangeDifference.between(keyed(expected, destructive), destructive))
                    + "; nothing is formatted on this host");
        }
        return plan;
    }

    /** A reviewed change read without its key takes the key of the change now planned under the same text. */
    private static List<Change> keyed(List<Change> reviewed, List<Change> now) {
        return reviewed.stream().map(r -> now.stream().filter(n -> n.what().equals(r.what())).findFirst()
                .filter(n -> !r.key().kind().equals(XfsDrives.KEY_KIND))
                .map(n -> new Change(r.what(), r.before(), r.after(), r.destructive(), n.key()))
                .orElse(r)).toList();
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        step.apply(context, plan);
    }

    /** After apply the reviewed formats are done: the host is held to its converged state, not to the review. */
    @Override
    public StepPlan verify(StepContext context) {
        return step.verify(context);
    }
}
