package dev.aistorctl.workflows.provision;

import java.util.Optional;

/** The go-ahead for a shown plan: stop after it, refuse it, ask for the cluster's name, or apply it. */
final class GoAheadStage {
    private GoAheadStage() {
    }

    /** @return the outcome when the plan is not to be applied, empty to go on */
    static Optional<ProvisionOutcome> decide(ProvisionContext c, ProvisionPlan plan) {
        ProvisionRequest r = c.request;
        int formats = plan.formats();
        switch (GoAhead.decide(r.dryRun(), r.yes(), r.wipeDrives(), formats, plan.changes())) {
            case DRY_RUN -> {
                c.output.progress("dry run: nothing was changed");
                return Optional.of(ProvisionOutcome.DRY_RUN);
            }
            case REFUSE_FORMATS -> {
                c.output.error("refused: formatting " + formats + " drive" + (formats == 1 ? "" : "s")
                        + " destroys whatever is on them (listed above as DESTRUCTIVE); nothing was changed. "
                        + "Run again with --wipe-drives to format them.");
                return Optional.of(ProvisionOutcome.REFUSED);
            }
            case ASK -> {
                String cluster = c.inventory.cluster().name();
                Optional<Boolean> typed = c.output.confirmClusterName(cluster, "Apply this plan to cluster " + cluster + "?");
                if (typed.isEmpty()) {
                    c.output.error("refused: " + plan.changes() + " changes planned and no confirmation; nothing was changed. "
                            + "Run again with --yes (or on a terminal, to type the cluster's name).");
                    return Optional.of(ProvisionOutcome.REFUSED);
                }
                if (!typed.get()) {
                    c.output.error("refused: the cluster's name was not typed; nothing was changed");
                    return Optional.of(ProvisionOutcome.REFUSED);
                }
            }
            case APPLY -> {
            }
        }
        if (plan.changes() == 0) {
            c.output.progress("nothing to change: every host is already provisioned; checking the cluster's health");
        }
        return Optional.empty();
    }
}
