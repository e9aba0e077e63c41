package dev.aistorctl.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A whole run: its id, the playbook, and every host's result in inventory order. */
public record RunResult(String runId, String playbook, boolean dryRun, Instant started, Duration duration,
                        List<HostResult> hosts, String stoppedBecause) {
    public RunResult {
        hosts = List.copyOf(hosts);
    }

    /** The reviewable plan of a plan stage (a dry run): {@link RunPlan#of}. */
    public RunPlan plan() {
        return RunPlan.of(this);
    }

    public long failedHosts() {
        return hosts.stream().filter(HostResult::failed).count();
    }

    public boolean ok() {
        return failedHosts() == 0;
    }

    /** Step counts over all hosts. */
    public long count(StepStatus status) {
        return hosts.stream().mapToLong(h -> h.count(status)).sum();
    }

    /** Hosts whose outcome is {@code status}. */
    public long hostsWith(StepStatus status) {
        return hosts.stream().filter(h -> h.outcome() == status).count();
    }
}
