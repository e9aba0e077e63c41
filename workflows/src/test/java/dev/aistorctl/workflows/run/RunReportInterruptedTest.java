package dev.aistorctl.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.aistorctl.playbooks.RunResult;
import org.junit.jupiter.api.Test;

/** What the end of an interrupted run prints: how it was cut, where on each host, and what to do next. */
class RunReportInterruptedTest {

    @Test
    void eachHostsCutIsALineAndTheNextStepIsToRunAgain() {
        List<String> lines = RunReport.interrupted(new RunResult.Interrupted("SIGINT", true, List.of(
                new RunResult.Cut("node2", 1, "data drives are XFS", RunResult.Cut.STOPPED),
                new RunResult.Cut("node3", 2, "drive mounts", RunResult.Cut.NOT_STARTED),
                new RunResult.Cut("node4", null, null, RunResult.Cut.NOT_STARTED))));

        assertThat(lines).containsExactly(
                "interrupted (SIGINT, forced: running steps were stopped); no step started after it:",
                "  node2: step 1 'data drives are XFS' stopped",
                "  node3: step 2 'drive mounts' not started",
                "  node4 not started",
                "run the same command again to finish: what was done is kept, what was cut is done again");
    }

    @Test
    void aRunInterruptedWithNothingLeftSaysSo() {
        assertThat(RunReport.interrupted(new RunResult.Interrupted("SIGTERM", false, List.of())))
                .containsExactly("interrupted (SIGTERM: running steps were let finish); no host had a step left to start");
    }
}
