package dev.aistorctl.workflows.provision;

import java.util.List;
import java.util.Optional;

import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.RunPlan;

/**
 * The go-ahead for the shown plan: a dry run stops here; otherwise the engine's one rule decides from
 * what was given (--yes, --wipe-drives, the cluster's name typed) whether the plans are applied.
 */
final class GoAheadStage {
    private GoAheadStage() {
    }

    /** The verdict that lets apply run the reviewed plans, or the outcome when they are not to be applied. */
    record Decided(Optional<GoAhead.Verdict> verdict, Optional<ProvisionOutcome> stop) {
    }

    static Decided decide(ProvisionContext c, ProvisionPlan plan) {
        ProvisionStages.Stage stage = c.document.stage("go_ahead");
        try {
            return decided(c, plan);
        } finally {
            stage.end();
        }
    }

    private static Decided decided(ProvisionContext c, ProvisionPlan plan) {
        ProvisionRequest r = c.request;
        if (r.dryRun()) {
            c.output.progress("dry run: nothing was changed");
            return new Decided(Optional.empty(), Optional.of(ProvisionOutcome.DRY_RUN));
        }
        String cluster = c.inventory.cluster().name();
        GoAhead given = new GoAhead(r.yes(), r.wipeDrives(), "--wipe-drives", GoAhead.Typed.NOT_ASKED);
        List<RunPlan> plans = plan.plans();
        GoAhead.Verdict verdict = given.decide(plans, cluster, GoAhead.Asks.EVERY_CHANGE);
        if (verdict.decision() == GoAhead.Decision.ASK) {
            GoAhead.Typed typed = GoAhead.Typed.of(c.output.confirmClusterName(cluster, verdict.text()));
            verdict = given.withTyped(typed).decide(plans, cluster, GoAhead.Asks.EVERY_CHANGE);
        }
        if (verdict.decision() != GoAhead.Decision.APPLY) {
            c.output.error(verdict.text());
            return new Decided(Optional.empty(), Optional.of(ProvisionOutcome.REFUSED));
        }
        if (plan.changes() == 0) {
            c.output.progress("nothing to change: every host is already provisioned; checking the cluster's health");
        }
        return new Decided(Optional.of(verdict), Optional.empty());
    }
}
