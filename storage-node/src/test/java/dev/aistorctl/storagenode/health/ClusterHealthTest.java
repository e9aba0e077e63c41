package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.Flavour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
    private static final NodeHealth UP1 = NodeHealth.up("n1", "http://n1:9000", "HTTP 200");
    private static final NodeHealth UP2 = NodeHealth.up("n2", "http://n2:9000", "HTTP 200");
    private static final NodeHealth DOWN2 = NodeHealth.down("n2", "http://n2:9000", "connection refused");

    @Test
    void minioNeedsEveryNodeLiveAndWriteQuorum() {
        assertThat(new ClusterHealth(Flavour.MINIO, List.of(UP1, UP2), Optional.of(true), "HTTP 200").healthy()).isTrue();
        assertThat(new ClusterHealth(Flavour.MINIO, List.of(UP1, UP2), Optional.of(false), "HTTP 503").healthy()).isFalse();
        assertThat(new ClusterHealth(Flavour.MINIO, List.of(UP1, UP2), Optional.empty(), "").healthy()).isFalse();
        ClusterHealth oneDown = new ClusterHealth(Flavour.MINIO, List.of(UP1, DOWN2), Optional.of(true), "HTTP 200");
        assertThat(oneDown.healthy()).as("quorum survives a node, but a node is down").isFalse();
        assertThat(oneDown.summary()).isEqualTo("1/2 nodes live, cluster has write quorum (HTTP 200); down: n2 (connection refused)");
    }

    @Test
    void s3proxyIsHealthyWhenEveryIndependentNodeAnswers() {
        assertThat(new ClusterHealth(Flavour.S3PROXY, List.of(UP1, UP2), Optional.empty(), "").healthy()).isTrue();
        ClusterHealth down = new ClusterHealth(Flavour.S3PROXY, List.of(UP1, DOWN2), Optional.empty(), "");
        assertThat(down.healthy()).isFalse();
        assertThat(down.down()).extracting(NodeHealth::host).containsExactly("n2");
        assertThat(down.summary()).doesNotContain("quorum");
        assertThat(new ClusterHealth(Flavour.S3PROXY, List.of(), Optional.empty(), "").healthy()).isFalse();
    }

    @Test
    void aClusterWithAFailedHostIsAsGoodAsItGetsWhenEveryOtherNodeAnswers() {
        ClusterHealth oneDown = new ClusterHealth(Flavour.S3PROXY, List.of(UP1, DOWN2), Optional.empty(), "");
        assertThat(oneDown.liveExcept(java.util.Set.of("n2"))).isTrue();
        assertThat(oneDown.liveExcept(java.util.Set.of("n1"))).isFalse();
        assertThat(oneDown.liveExcept(java.util.Set.of())).isFalse();
        ClusterHealth noAnswer = new ClusterHealth(Flavour.MINIO, List.of(UP1, DOWN2), Optional.empty(), "");
        assertThat(noAnswer.liveExcept(java.util.Set.of("n2"))).as("minio: the cluster must answer on quorum").isFalse();
    }

    @Test
    void theWaitStopsWhenTheAnswerIsEnoughWithoutWaitingForTheTimeout() {
        ClusterHealth oneDown = new ClusterHealth(Flavour.S3PROXY, List.of(UP1, DOWN2), Optional.empty(), "");
        AtomicLong now = new AtomicLong();
        int[] asked = {0};
        HealthWait wait = new HealthWait(() -> {
            asked[0]++;
            return oneDown;
        }, Duration.ofSeconds(2), now::get, d -> now.addAndGet(d.toNanos()));

        ClusterHealth result = wait.await(Duration.ofMinutes(5), h -> h.liveExcept(java.util.Set.of("n2")), h -> { });

        assertThat(result.healthy()).isFalse();
        assertThat(asked[0]).isEqualTo(1);
        assertThat(wait.await(Duration.ofSeconds(10), h -> { })).isEqualTo(oneDown);
        assertThat(asked[0]).as("without the predicate it waits out the timeout").isEqualTo(1 + 6);
    }

    @Test
    void theWaitReportsEachChangeAndStopsAtTheFirstHealthyAnswer() {
        List<ClusterHealth> answers = List.of(
                new ClusterHealth(Flavour.S3PROXY, List.of(DOWN2), Optional.empty(), ""),
                new ClusterHealth(Flavour.S3PROXY, List.of(DOWN2), Optional.empty(), ""),
                new ClusterHealth(Flavour.S3PROXY, List.of(UP2), Optional.empty(), ""));
        AtomicLong now = new AtomicLong();
        int[] asked = {0};
        List<String> progress = new ArrayList<>();
        HealthWait wait = new HealthWait(() -> answers.get(asked[0]++), Duration.ofSeconds(2), now::get,
                d -> now.addAndGet(d.toNanos()));

        ClusterHealth result = wait.await(Duration.ofMinutes(1), h -> progress.add(h.summary()));

        assertThat(result.healthy()).isTrue();
        assertThat(asked[0]).isEqualTo(3);
        assertThat(progress).containsExactly("0/1 nodes live; down: n2 (connection refused)", "1/1 nodes live");
    }

    @Test
    void theWaitGivesUpAtTheDeadlineWithTheLastAnswer() {
        AtomicLong now = new AtomicLong();
        HealthWait wait = new HealthWait(() -> new ClusterHealth(Flavour.S3PROXY, List.of(DOWN2), Optional.empty(), ""),
                Duration.ofSeconds(2), now::get, d -> now.addAndGet(d.toNanos()));

        ClusterHealth result = wait.await(Duration.ofSeconds(10), h -> { });

        assertThat(result.healthy()).isFalse();
        assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofSeconds(10));
    }
}
