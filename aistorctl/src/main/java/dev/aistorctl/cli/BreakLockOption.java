package dev.aistorctl.cli;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.RunIds;
import picocli.CommandLine.Option;

/** {@code --break-lock RUN-ID}: take over a stale host lock of that run only, the same for every command that locks hosts. */
public final class BreakLockOption {
    @Option(names = "--break-lock", paramLabel = "RUN-ID",
            description = "Take over a host lock left by run RUN-ID (its controller is gone): that run's remaining processes "
                    + "on the host are stopped first. A lock held by any other run is refused as always.")
    String runId;

    /** The run whose stale lock may be broken, or null. */
    public String runId() {
        if (runId != null && !RunIds.isRunId(runId)) {
            throw new UsageException("--break-lock takes a run id such as 20261125T151900Z-ab12 (as a refused run names it), not '"
                    + runId + "'");
        }
        return runId;
    }
}
