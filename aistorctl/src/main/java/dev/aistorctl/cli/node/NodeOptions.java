package dev.aistorctl.cli.node;

import java.time.Duration;

import dev.aistorctl.inventory.DurationText;
import picocli.CommandLine.Option;

/** Options every node command shares. */
public final class NodeOptions {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the cluster to become healthy after starting it (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--accept-new-host-keys",
            description = "Trust and record host keys not yet in known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    public boolean acceptNewHostKeys() {
        return acceptNewHostKeys;
    }

    Duration timeout() {
        return DurationText.parse(timeout);
    }
}
