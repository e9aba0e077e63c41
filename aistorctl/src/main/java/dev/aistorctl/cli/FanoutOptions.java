package dev.aistorctl.cli;

import dev.aistorctl.core.Fanout;
import picocli.CommandLine.Option;

/** Options of every command that talks to many hosts at once. */
public final class FanoutOptions {

    @Option(names = "--parallel", paramLabel = "N",
            description = "Work on at most N hosts at once (default: all hosts, up to " + Fanout.MAX_DEFAULT_PARALLEL + ").")
    Integer parallel;

    @Option(names = "--accept-new-host-keys",
            description = "Record the key of a host that is not yet in known_hosts instead of refusing it. A changed key is always refused.")
    boolean acceptNewHostKeys;

    public int parallel(int hosts) {
        return parallel(parallel, hosts);
    }

    /** How many hosts at once: {@code --parallel} when given (at least 1), else all of them up to the default bound. */
    public static int parallel(Integer requested, int hosts) {
        if (requested != null && requested < 1) {
            throw new dev.aistorctl.core.UsageException("--parallel must be at least 1, was " + requested);
        }
        return requested == null ? Fanout.defaultParallel(hosts) : requested;
    }

    public boolean acceptNewHostKeys() {
        return acceptNewHostKeys;
    }
}
