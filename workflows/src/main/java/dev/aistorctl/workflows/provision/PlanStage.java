package dev.aistorctl.workflows.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.workflows.drives.DrivesPlaybook;
import dev.aistorctl.workflows.node.NodeWarnings;
import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.run.PlaybookRun;
import dev.aistorctl.workflows.tune.TuneStage;

/** The plan: the engine's plans of drives, tune and node, shown and recorded; apply is held to them. */
final class PlanStage {

    /**
     * The plan and what apply runs it with; {@code stop} is the outcome when planning failed.
     *
     * @param options  the options of the plan stages; apply runs with them
     * @param tuneBook the tune playbook that was planned, and is applied
     * @param tuneProfile the tuning profile it was built from: the inventory's, else the default
     */
    record Planned(ProvisionPlan plan, RunOptions options, Playbook tuneBook, String tuneProfile, Optional<ProvisionOutcome> stop) {
    }

    private PlanStage() {
    }

    static Planned run(ProvisionContext c, DrivesReport drives) {
        ProvisionStages.Stage stage = c.document.stage("plan");
        RunOptions options = new RunOptions(false, c.request.parallel(), Serial.ALL, 100, false);
        String tuneProfile = TuneStage.profile(c.inventory, null);
        Playbook tuneBook = TuneStage.playbook(tuneProfile, false, false);
        // One headline for the plans, once they are made: each plan's journal is under its run id. On a terminal a
        // board shows the hosts planning meanwhile (elsewhere the plan's text, printed next, is their outcome).
        Playbook drivesBook = DrivesPlaybook.of(Set.of());
        HostBoard board = PlanBoard.open(c, drivesBook, tuneBook);
        RunResult drivesPlan = c.runs.plan(drivesBook, options, c.args("drives"), null, c.runs.planProgress(c.output, drivesBook, board), c.output);
        RunResult tunePlan = c.runs.plan(tuneBook, options, c.args("tune"), null, c.runs.planProgress(c.output, tuneBook, board), c.output);
        List<RunResult> nodePlans = new ArrayList<>();
        if (c.wholeCluster()) {
            PlaybookRun clusterRuns = c.clusterRuns();
            for (String book : List.of("node-install", "node-start")) {
                Playbook nodeBook = new PlaybookLoader(StepRegistry.builtIn()).builtIn(book);
                nodePlans.add(clusterRuns.plan(nodeBook, RunOptions.defaults(c.inventory.hosts().size()), c.args(book), null,
                        clusterRuns.planProgress(c.output, nodeBook, board), c.output));
            }
        } else {
            c.output.hint("--limit: the node is neither installed nor started (the cluster starts only with all its peers)");
        }
        board.close();
        c.output.progress(headline(drivesPlan, tunePlan, nodePlans, c.hosts.size()));
        ProvisionPlan plan = new ProvisionPlan(drives, drivesPlan, tunePlan, nodePlans, c.inventory);
        if (!c.output.json()) {
            c.output.println(plan.text(c.output.verbose()));
        }
        List<String> warnings = c.wholeCluster() ? NodeWarnings.of(c.inventory) : List.of();
        NodeWarnings.print(warnings, c.output);
        List<String> recorded = new ArrayList<>(warnings);
        recorded.addAll(plan.driveWarnings());
        c.document.section("warnings", recorded);
        c.document.run("drives", c.runs.json(drivesPlan));
        c.document.run("tune", TuneStage.json(tunePlan, c.runs.store(), tuneProfile, false));
        c.document.nodeRuns(nodeJson(c, nodePlans));
        List<RunResult> made = new ArrayList<>(List.of(drivesPlan, tunePlan));
        made.addAll(nodePlans);
        stage.runs(made).end();
        List<String> planFailed = plan.failedHosts();
        if (!planFailed.isEmpty()) {
            c.failedHosts.addAll(planFailed);
            c.output.error("planning failed on " + String.join(", ", planFailed) + " (above); nothing was changed");
            return new Planned(plan, options, tuneBook, tuneProfile, Optional.of(ProvisionOutcome.FAILED));
        }
        return new Planned(plan, options, tuneBook, tuneProfile, Optional.empty());
    }

    /** {@code plans on 8 hosts: drives 20261206T234132Z-f6b3, tune …, node-install …, node-start …} */
    static String headline(RunResult drives, RunResult tune, List<RunResult> node, int hosts) {
        List<String> runs = new ArrayList<>(List.of("drives " + drives.runId(), "tune " + tune.runId()));
        node.forEach(r -> runs.add(r.playbook() + " " + r.runId()));
        return "plans on " + hosts + " host" + (hosts == 1 ? "" : "s") + ": " + String.join(", ", runs);
    }

    static ArrayNode nodeJson(ProvisionContext c, List<RunResult> results) {
        ArrayNode out = Json.mapper().createArrayNode();
        results.forEach(r -> out.add(c.redactor.redact(RunJson.result(r))));
        return out;
    }
}
