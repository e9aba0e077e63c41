package dev.aistorctl.workflows.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.core.ExitCode;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.workflows.node.ClusterStatus;

/**
 * What one provision did, stage by stage. A stage not reached is empty: a refused hardware check has
 * no plan, a dry run applies nothing, a run under --limit has no node runs and no status.
 *
 * @param runId       the provision's run id, the name of its run directory
 * @param outcome     how it ended
 * @param failedHosts every host that failed a stage, sorted
 * @param document    provision.json
 * @param verify      the hardware verdicts
 * @param drives      every host's drives before anything changed
 * @param plan        the dry runs that were shown
 * @param applied     the runs that changed hosts (or, where nothing was to change, the plans)
 * @param status      the cluster as status --probe saw it at the end
 */
public record ProvisionResult(String runId, ProvisionOutcome outcome, List<String> failedHosts, Path document,
                              Optional<VerifyReport> verify, Optional<DrivesReport> drives, Optional<ProvisionPlan> plan,
                              Optional<Applied> applied, Optional<ClusterStatus> status) {

    public ExitCode exitCode() {
        return outcome.exitCode();
    }

    /**
     * The runs of the apply stage.
     *
     * @param drives  the drives run (the plan when no drive was to change)
     * @param tune    the tune run (the plan when no setting was to change)
     * @param node    node-install and node-start as run (their plans when the node had converged)
     * @param handOff the drives playbook again, handing the drives' roots to the service user; empty when not run
     */
    public record Applied(RunResult drives, RunResult tune, List<RunResult> node, Optional<RunResult> handOff) {
    }
}
