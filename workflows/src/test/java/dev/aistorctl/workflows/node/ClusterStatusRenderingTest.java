package dev.aistorctl.workflows.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.NodeHealth;
import dev.aistorctl.storagenode.health.RoundTrip;
import org.junit.jupiter.api.Test;

/** The status record renders as the JSON and the text that status and provision print. */
class ClusterStatusRenderingTest {
    private static final String SHA = "a".repeat(64);

    private static ClusterStatus status() {
        Redactor redactor = new Redactor();
        redactor.add("s3cret");
        RoundTrip trip = new RoundTrip("node1", "http://10.0.0.1:9000", 1024, SHA, SHA, Duration.ofMillis(12), Duration.ofMillis(7), null);
        List<HostStatus> hosts = List.of(
                new HostStatus("node1", true, "200 OK", "active", SHA, "minio RELEASE.x", 4L, 4, trip),
                new HostStatus("node2", false, "connection refused (s3cret)", "unreachable", null, "", null, 4, null));
        ClusterHealth health = new ClusterHealth(Flavour.MINIO, List.of(NodeHealth.up("node1", "e1", "200 OK"),
                NodeHealth.down("node2", "e2", "connection refused")), Optional.of(false), "no quorum");
        return new ClusterStatus("dc1", Flavour.MINIO, hosts, true, health, 8L << 30, 4L << 30, "usable after erasure coding",
                List.of("node2: unreachable with s3cret"), redactor);
    }

    @Test
    void theJsonHasEveryHostWithUnknownsAsNullAndIsRedacted() {
        JsonNode json = status().json();
        assertThat(json.path("cluster").asText()).isEqualTo("dc1");
        assertThat(json.path("flavour").asText()).isEqualTo("minio");
        JsonNode up = json.path("hosts").get(0);
        assertThat(up.path("live").asBoolean()).isTrue();
        assertThat(up.path("version").asText()).isEqualTo("minio RELEASE.x");
        assertThat(up.path("drives_mounted").asLong()).isEqualTo(4);
        assertThat(up.path("probe").path("verified").asBoolean()).isTrue();
        assertThat(up.path("probe").path("put_ms").asLong()).isEqualTo(12);
        JsonNode down = json.path("hosts").get(1);
        assertThat(down.path("drives_mounted").isNull()).isTrue();
        assertThat(down.path("binary_sha256").isNull()).isTrue();
        assertThat(down.has("version")).isFalse();
        assertThat(down.has("probe")).isFalse();
        assertThat(down.path("health").asText()).doesNotContain("s3cret").contains(Redactor.MASK);
        assertThat(json.path("capacity").path("raw_bytes").asLong()).isEqualTo(8L << 30);
        assertThat(json.path("problems").get(0).asText()).isEqualTo("node2: unreachable with " + Redactor.MASK);
        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.has("note")).as("the S3Proxy note is for s3proxy only").isFalse();
    }

    @Test
    void theTextShowsUnknownsAsQuestionMarksAndCountsTheProblems() {
        String text = status().text(new RecordingOutput());
        assertThat(text).contains("S3 PROBE", "sha256 ", "4/4", "?/4", "unreachable", "no (connection refused (" + Redactor.MASK + "))");
        assertThat(text).contains("cluster dc1 (minio): NOT healthy", "1 problem:", "  node2: unreachable with " + Redactor.MASK);
        assertThat(text).doesNotContain("s3cret");
    }

    @Test
    void aHostIsProvenOnlyWhenLiveAndItsRoundTripVerified() {
        List<HostStatus> hosts = status().hosts();
        assertThat(hosts.get(0).proven()).isTrue();
        assertThat(hosts.get(1).proven()).isFalse();
        assertThat(hosts.get(1).surveyed()).isFalse();
    }

    /** No colours: markup dropped. */
}
