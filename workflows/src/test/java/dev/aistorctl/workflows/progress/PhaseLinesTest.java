package dev.aistorctl.workflows.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.aistorctl.workflows.RecordingOutput;
import org.junit.jupiter.api.Test;

class PhaseLinesTest {
    private final RecordingOutput output = new RecordingOutput();

    @Test
    void aPhaseOfOneRunIsALinePerHostAsEachFinishesAndNothingWhileItWorks() {
        HostBoard board = output.board("drives", List.of("node1", "node2"), List.of());
        board.started("node2", null);
        board.step("node2", 1, 3, "data drives are XFS");
        board.bytes("node2", 10, 100);
        assertThat(output.all).isEmpty();
        board.finished("node2", "changed", Duration.ofMillis(6500));
        board.finished("node1", "failed: step 2", Duration.ofMillis(120));
        board.close();
        assertThat(output.all).containsExactly("[1/2] node2: changed (6.5s)", "[2/2] node1: failed: step 2 (0.1s)");
    }

    @Test
    void aPhaseOfTwoRunsIsOneLinePerHostNamingEachRunsOutcome() {
        HostBoard board = output.board("node", List.of("node1", "node2"), List.of("node-install", "node-start"));
        for (String host : List.of("node1", "node2")) {
            board.started(host, "node-install");
            board.finished(host, "changed", Duration.ofMillis(9200));
        }
        assertThat(output.all).as("a host's line waits for its start").isEmpty();
        board.started("node2", "node-start");
        board.finished("node2", "changed", Duration.ofMillis(2800));
        board.started("node1", "node-start");
        board.finished("node1", "ok", Duration.ofMillis(100));
        board.close();
        assertThat(output.all).containsExactly(
                "[1/2] node2: node-install changed (9.2s), node-start changed (2.8s)",
                "[2/2] node1: node-install changed (9.2s), node-start ok (0.1s)");
    }

    @Test
    void aHostThatNeverReachesTheLastRunIsPrintedWhenThePhaseEnds() {
        HostBoard board = output.board("node", List.of("node1", "node2"), List.of("node-install", "node-start"));
        board.started("node1", "node-install");
        board.finished("node1", "failed: step 4", Duration.ofSeconds(3));
        board.started("node2", "node-install");
        board.finished("node2", "changed", Duration.ofSeconds(4));
        board.close();
        board.close();
        assertThat(output.all).containsExactly(
                "[1/2] node1: node-install failed: step 4 (3.0s)",
                "[2/2] node2: node-install changed (4.0s)");
    }
}
