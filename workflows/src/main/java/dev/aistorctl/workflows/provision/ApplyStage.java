package dev.aistorctl.workflows.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.workflows.drives.DrivesPlaybook;
import dev.aistorctl.workflows.node.NodeCluster;
import dev.aistorctl.workflows.node.NodeFlow;
import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.tune.TuneStage;

/** Apply: drives, then tune, then the node on the whole cluster with its health. */
final class ApplyStage {
    private ApplyStage() {
    }

    /**
     * @param goAhead the verdict on the reviewed plans: the drives and tuning are applied exactly as planned
     * @param cluster the whole cluster, empty under --limit (the node is then left alone)
     */
    static ProvisionResult.Applied run(ProvisionContext c, PlanStage.Planned planned, GoAhead.Verdict goAhead,
                                       Optional<NodeCluster> cluster) {
        // From here on hosts change: Ctrl-C, also between two runs, stops the provision in order (nothing more
        // starts, provision.json says where it was cut) instead of ending the process.
        try (Interruption.Registration heard = Interruption.process().listen((signal, degree) -> { })) {
            return applied(c, planned, goAhead, cluster);
        }
    }

    private static ProvisionResult.Applied applied(ProvisionContext c, PlanStage.Planned planned, GoAhead.Verdict goAhead,
                                                   Optional<NodeCluster> cluster) {
        ProvisionStages.Stage stage = c.document.stage("apply");
        ProvisionPlan plan = planned.plan();
        RunOptions apply = planned.options();
        RunResult drivesRun = plan.drives();
        if (plan.changes(plan.drives()) > 0) {
            Playbook drivesBook = DrivesPlaybook.of(Set.of());
            drivesRun = c.runs.apply(drivesBook, RunPlan.of(plan.drives()), goAhead, apply, c.args("drives"), "prepare drives",
                    c.runs.progress(c.output, drivesBook), c.output);
            c.reportRun(drivesRun, c.runs.report(drivesRun, c.output));
            c.document.run("drives", c.runs.json(drivesRun));
        }
        RunResult tuneRun = plan.tune();
        if (plan.changes(plan.tune()) > 0) {
            Playbook tuneBook = planned.tuneBook();
            tuneRun = c.runs.apply(tuneBook, RunPlan.of(plan.tune()), goAhead, apply, c.args("tune"), "tune",
                    c.runs.progress(c.output, tuneBook), c.output);
            c.reportRun(tuneRun, TuneStage.text(tuneRun, c.runs.store(), c.output));
            c.document.run("tune", TuneStage.json(tuneRun, c.runs.store(), planned.tuneProfile(), false));
        }
        failed(c, drivesRun);
        failed(c, tuneRun);

        List<RunResult> nodeRuns = new ArrayList<>(plan.node());
        Optional<RunResult> handOff = Optional.empty();
        if (cluster.isPresent()) {
            if (!drivesRun.ok()) {
                c.output.error("not installing the node: the drives failed on " + drivesRun.hosts().stream()
                        .filter(HostResult::failed).map(HostResult::host).toList() + " and the cluster starts only with all its drives");
            } else {
                handOff = node(c, plan, apply, new NodeFlow(c.output, cluster.get(), c.request.node(), "provision"), nodeRuns);
            }
        }
        List<RunResult> made = new ArrayList<>(List.of(drivesRun, tuneRun));
        made.addAll(nodeRuns);
        handOff.ifPresent(made::add);
        stage.runs(made).end();
        return new ProvisionResult.Applied(drivesRun, tuneRun, List.copyOf(nodeRuns), handOff);
    }

    /**
     * Installs and starts the node where its plan changes anything, then waits for the cluster's health.
     *
     * @param nodeRuns the node's plans, replaced by its runs when it is installed
     * @return the drives' hand-off to the service user, when the install ran
     */
    private static Optional<RunResult> node(ProvisionContext c, ProvisionPlan plan, RunOptions apply, NodeFlow flow,
                                            List<RunResult> nodeRuns) {
        Optional<RunResult> handOff = Optional.empty();
        boolean installed = true;
        if (plan.node().stream().anyMatch(r -> plan.changes(r) > 0)) {
            // The pre-flight guards an install or a start; a converged node has nothing for it to guard.
            ProvisionStages.Stage preflight = c.document.stage("preflight");
            installed = flow.preflight(Set.of()).isEmpty();
            preflight.end();
            if (Interruption.process().requested()) {
                c.interrupted("preflight");
                return handOff;
            }
            if (!installed) {
                c.inventory.hosts().forEach(h -> c.failedHosts.add(h.name()));
            } else {
                nodeRuns.clear();
                // One phase of progress, a line per host for both runs; each run keeps its journal (run ids at the end).
                List<String> names = c.inventory.hosts().stream().map(h -> h.name()).toList();
                c.output.progress("node: node-install, then node-start, on " + names.size() + " hosts");
                try (HostBoard board = c.output.board("node", names, List.of("node-install", "node-start"))) {
                    RunResult install = flow.run("node-install", false, Map.of(), board);
                    nodeRuns.add(install);
                    if (install.ok()) {
                        handOff = Optional.of(handDrivesToServiceUser(c, apply));
                        nodeRuns.add(flow.run("node-start", false, Map.of(), board));
                    } else {
                        board.close();
                        c.output.error("not starting the cluster: the install failed");
                    }
                }
                c.document.nodeRuns(flow.runs());
            }
        }
        if (installed && Interruption.process().requested()) {
            // Cut in the install or the start: their journals say where; nothing was started to wait for.
            c.interrupted("apply");
        } else if (installed) {
            // A host that already failed (unreachable, died in the middle) is reported down, not waited for.
            ProvisionStages.Stage wait = c.document.stage("health");
            ClusterHealth health = flow.awaitHealth(Set.copyOf(c.failedHosts));
            wait.end();
            if (Interruption.process().requested()) {
                c.interrupted("health");
            } else if (!health.healthy()) {
                health.down().forEach(n -> c.failedHosts.add(n.host()));
            }
        }
        nodeRuns.forEach(r -> failed(c, r));
        return handOff;
    }

    /**
     * The drives' roots belong to the service user once the node created it (before, to root): the
     * drives playbook again, so that the next provision finds nothing to change. Without the destructive
     * go-ahead, any format it would plan now fails instead of running.
     */
    private static RunResult handDrivesToServiceUser(ProvisionContext c, RunOptions apply) {
        // Within the node's phase: its id is among the provision's runs, its report printed only when it failed.
        RunResult result = c.runs.execute(DrivesPlaybook.of(Set.of()), apply.withAllowDestructive(false), c.args("drives"),
                null, RunListener.NONE, c.output);
        c.document.run("drive_owners", c.runs.json(result));
        if (!result.ok()) {
            c.report(c.runs.report(result, c.output));
        }
        return result;
    }

    static void failed(ProvisionContext c, RunResult run) {
        run.hosts().stream().filter(HostResult::failed).forEach(h -> c.failedHosts.add(h.host()));
    }
}
