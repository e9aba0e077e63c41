package dev.aistorctl.playbooks;

import java.util.List;
import java.util.Optional;

/**
 * The engine's product: what a run would do, host by host and step by step, with every change keyed
 * ({@link ChangeKey}). A person reviews it (printed, or saved as JSON by
 * {@link dev.aistorctl.playbooks.journal.PlanJson}); {@link Runner#apply} then applies exactly it, or
 * refuses a host whose state no longer gives the same plan.
 *
 * @param runId    the run of the plan stage that made it
 * @param playbook the playbook's name
 */
public record RunPlan(String runId, String playbook, List<HostPlan> hosts) {
    public RunPlan {
        hosts = List.copyOf(hosts);
    }

    /** The plan a plan stage (a dry run) produced. */
    public static RunPlan of(RunResult planStage) {
        if (!planStage.dryRun()) {
            throw new IllegalArgumentException("run " + planStage.runId() + " applied changes; only a plan stage gives a plan");
        }
        return new RunPlan(planStage.runId(), planStage.playbook(), planStage.hosts().stream()
                .map(h -> new HostPlan(h.host(), h.steps().stream().map(PlannedStep::of).toList(), h.error())).toList());
    }

    public Optional<HostPlan> host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
    }

    /** Every change of every host. */
    public List<Change> changes() {
        return hosts.stream().flatMap(h -> h.changes().stream()).toList();
    }

    public List<Change> destructiveChanges() {
        return changes().stream().filter(Change::destructive).toList();
    }

    /** Hosts whose planning failed: a plan with them cannot be applied. */
    public List<String> failedHosts() {
        return hosts.stream().filter(HostPlan::failed).map(HostPlan::host).toList();
    }
}
