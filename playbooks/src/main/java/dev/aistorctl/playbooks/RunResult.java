package dev.aistorctl.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A whole run: its id, the playbook, and every host's result in inventory order; {@code interrupted} says how
 * an engineer's Ctrl-C cut it, or is null.
 */
public record RunResult(String runId, String playbook, boolean dryRun, Instant started, Duration duration,
                        List<HostResult> hosts, String stoppedBecause, Interrupted interrupted) {
    public RunResult {
        hosts = List.copyOf(hosts);
    }

    public RunResult(String runId, String playbook, boolean dryRun, Instant started, Duration duration,
                     List<HostResult> hosts, String stoppedBecause) {
        this(runId, playbook, dryRun, started, duration, hosts, stoppedBecause, null);
    }

    /**
     * A run cut by {@code signal}: {@code forced} when the running steps were stopped too (a second Ctrl-C), and
     * where each host was cut.
     */
    public record Interrupted(String signal, boolean forced, List<Cut> cut) {
        public Interrupted {
            cut = List.copyOf(cut);
        }
    }

    /**
     * Where the interruption met one host: {@code step} (null: before its first) {@code how} = "not started"
     * (the step, and the host's later ones, never ran) or "stopped" (the step was running and was stopped).
     */
    public record Cut(String host, Integer step, String name, String how) {
        public static final String NOT_STARTED = "not started";
        public static final String STOPPED = "stopped";

        public String describe() {
            return host + (step == null ? " not started" : ": step " + step + " '" + name + "' " + how);
        }
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
