package dev.aistorctl.playbooks;

import dev.aistorctl.core.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reviewed {@link RunPlan} being applied by {@link Runner#apply}: per host, plan every step again under the
 * host lock, refuse the host untouched when that plan differs from the reviewed one, else apply step by step.
 * The only place where a run is held to what a person reviewed.
 */
final class ReviewedPlan {
    private final Playbook playbook;
    private final RunPlan plan;

    private ReviewedPlan(Playbook playbook, RunPlan plan) {
        this.playbook = playbook;
        this.plan = plan;
    }

    /** @throws UsageException when {@code plan} was not made by {@code playbook}'s steps */
    static ReviewedPlan of(Playbook playbook, RunPlan plan) {
        if (!plan.playbook().equals(playbook.name())) {
            throw new UsageException("the reviewed plan (run " + plan.runId() + ") is of playbook '" + plan.playbook()
                    + "', not '" + playbook.name() + "'; nothing was changed");
        }
        List<String> steps = playbook.steps().stream().map(s -> s.index() + " " + s.step().type()).toList();
        for (HostPlan h : plan.hosts()) {
            List<String> planned = h.steps().stream().map(s -> s.index() + " " + s.type()).toList();
            if (!planned.equals(steps)) {
                throw new UsageException("the reviewed plan (run " + plan.runId() + ") of " + h.host() + " has steps "
                        + planned + ", playbook '" + playbook.name() + "' has " + steps + "; nothing was changed");
            }
        }
        return new ReviewedPlan(playbook, plan);
    }

    /** The host's steps in {@code out}; returns the host's error, or null. */
    String applyOn(Runner runner, HostContext context, List<StepResult> out) {
        String host = context.host();
        Optional<HostPlan> reviewed = plan.host(host);
        if (reviewed.isEmpty() || reviewed.get().failed()) {
            String why = reviewed.isEmpty() ? "not in the reviewed plan (run " + plan.runId() + "); plan it, or leave it out with --limit"
                    : "its reviewed plan (run " + plan.runId() + ") failed: " + reviewed.get().error() + "; plan it again";
            runner.journal().review(host, null, plan.runId(), List.of(why));
            skipAll(runner, host, out, 0, "the host was not reviewed");
            return host + ": " + why + "; nothing was changed on this host";
        }
        List<PlannedStep> was = reviewed.get().steps();

        // Every step planned again before any applies: the host as it is now against the host as reviewed.
        List<Runner.Planned> now = new ArrayList<>();
        context.readAhead(playbook.steps());
        for (PlaybookStep s : playbook.steps()) {
            now.add(runner.planStep(context, s));
        }
        for (int i = 0; i < now.size(); i++) {
            List<String> differences = differences(was.get(i), now.get(i).asPlannedStep());
            if (!differences.isEmpty()) {
                PlaybookStep s = playbook.steps().get(i);
                runner.journal().review(host, s.index(), plan.runId(), differences);
                String error = Runner.stepError(host, s, refusal(was.get(i), now.get(i).asPlannedStep(), differences));
                skipAll(runner, host, out, 0, i, "the host changed since the reviewed plan");
                out.add(runner.finished(host, runner.result(s, StepStatus.FAILED, now.get(i).plan(), null, error, now.get(i).t0())));
                skipAll(runner, host, out, i + 1, "the host changed since the reviewed plan");
                return error;
            }
        }
        runner.journal().review(host, null, plan.runId(), List.of());

        String error = null;
        boolean touched = false;
        boolean cut = false;
        for (int i = 0; i < now.size(); i++) {
            PlaybookStep s = playbook.steps().get(i);
            if (error != null) {
                out.add(runner.finished(host, cut ? runner.interruptedSkip(s) : StepResult.skipped(s, "an earlier step failed")));
                continue;
            }
            error = runner.interruptedBefore(host, s);
            if (error != null) {
                cut = true;
                out.add(runner.finished(host, runner.interruptedSkip(s)));
                continue;
            }
            // Once an earlier step changed the host, a later step plans from the host as it is now; it may
            // need less than reviewed (a marker the format wrote), never a destruction nobody reviewed.
            Runner.Planned p = touched ? runner.planStep(context, s) : now.get(i);
            StepResult r;
            List<Change> reviewedHere = reviewedChanges(was.get(i));
            List<Change> unreviewed = p.decided() != null ? List.of() : p.plan().changes().stream()
                    .filter(Change::destructive).filter(c -> !reviewedHere.contains(c)).toList();
            if (p.decided() != null) {
                r = p.decided();
            } else if (!unreviewed.isEmpty()) {
                r = runner.result(s, StepStatus.FAILED, p.plan(), null, Runner.stepError(host, s,
                        "plans destructive changes that were not reviewed (run " + plan.runId() + "): "
                                + String.join("; ", unreviewed.stream().map(Change::what).toList())), p.t0());
            } else {
                r = runner.applyPlanned(context, s, p);
            }
            r = runner.cutIfForced(host, r);
            out.add(runner.finished(host, r));
            touched |= r.status() == StepStatus.CHANGED;
            if (r.status() == StepStatus.FAILED) {
                error = r.error();
            } else if (r.status() == StepStatus.CHANGED) {
                runner.readAheadAfterChange(context, playbook, s);
            }
        }
        return error;
    }

    /** How a step planned now differs from the same step as reviewed; empty when it does not. */
    static List<String> differences(PlannedStep was, PlannedStep now) {
        if (was.status() != now.status()) {
            return List.of("reviewed " + was.summary() + ", now " + now.summary());
        }
        if (was.status() == StepStatus.CHANGED) {
            return ChangeDifference.between(was.plan().changes(), now.plan().changes());
        }
        return List.of();
    }

    /** Said in the words of what is at stake: a format refused because the device changed says so. */
    private String refusal(PlannedStep was, PlannedStep now, List<String> differences) {
        boolean drives = java.util.stream.Stream.of(was, now).flatMap(p -> reviewedChanges(p).stream())
                .anyMatch(c -> c.key().kind().equals(dev.aistorctl.playbooks.drives.XfsDrives.KEY_KIND));
        return (drives ? "device state changed since the reviewed plan (run " : "changed since the reviewed plan (run ")
                + plan.runId() + "): " + String.join("; ", differences)
                + (drives ? "; nothing is formatted on this host" : "; nothing was changed on this host");
    }

    private static List<Change> reviewedChanges(PlannedStep step) {
        return step.plan() == null ? List.of() : step.plan().changes();
    }

    private void skipAll(Runner runner, String host, List<StepResult> out, int from, String reason) {
        skipAll(runner, host, out, from, playbook.steps().size(), reason);
    }

    private void skipAll(Runner runner, String host, List<StepResult> out, int from, int to, String reason) {
        for (PlaybookStep s : playbook.steps().subList(from, to)) {
            out.add(runner.finished(host, StepResult.skipped(s, reason)));
        }
    }
}
