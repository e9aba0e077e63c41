package dev.aistorctl.workflows.node;

import java.time.Duration;

/**
 * How the node workflows reach and wait for the cluster.
 *
 * @param healthTimeout     how long to wait for the cluster to become healthy after starting it
 * @param acceptNewHostKeys trust and record host keys not yet in known_hosts (a changed key is always refused)
 * @param breakLock         the run whose stale host lock may be taken over, or null
 */
public record NodeSettings(Duration healthTimeout, boolean acceptNewHostKeys, String breakLock) {
    /** What the node commands use when not told otherwise: five minutes, known hosts only, no lock broken. */
    public static final NodeSettings DEFAULTS = new NodeSettings(Duration.ofMinutes(5), false, null);
}
