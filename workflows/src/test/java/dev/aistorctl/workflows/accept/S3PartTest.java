package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.Json;
import dev.aistorctl.hwcheck.accept.S3Throughput;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** accept's S3 part without a node: the load's bounds, the object bodies, the exit code, the JSON and the table (the verdicts: S3GatesTest). */
class S3PartTest {
    private static final String URL = "http://10.0.0.2:9000";
    private static final S3Throughput NODE = new S3Throughput("node2", URL, 410.5, 820.25, 40.0, 95.0, 20.0, 61.0, 100, 200,
            10_000L, List.of("/mnt/drive1"), List.of("loop"));

    @Test
    void aLoadOutsideOneS3PutOrThatTheControllerCannotHoldIsRefusedWithWhatToChange() {
        assertThatThrownBy(() -> new S3Request(6L << 30, 8, 10)).hasMessageContaining("--object-size", "5 GiB");
        assertThatThrownBy(() -> new S3Request(1 << 20, 0, 10)).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> new S3Request(1 << 20, 8, 0)).hasMessageContaining("at least 1 s");
        // 3 nodes x 8 in flight x 64 MiB = 1.5 GiB buffered whole by the SDK: not in a 1 GiB heap.
        assertThatThrownBy(() -> S3Request.fitting(64L << 20, 8, 10, 3, 1L << 30))
                .hasMessageContaining("3 nodes x 8 requests", "lower --concurrency or --object-size");
        assertThat(S3Request.fitting(16L << 20, 8, 10, 3, 4L << 30).heapNeeded(3)).isEqualTo(3L * 8 * (16 << 20) + (16 << 20));
        // Small objects still cost the SDK's smallest part each.
        assertThat(new S3Request(4096, 2, 1).heapNeeded(1)).isEqualTo(2L * (5 << 20) + 4096);
    }

    @Test
    void anObjectsBodyRepeatsItsBlockForExactlyItsLength() throws IOException {
        byte[] block = {1, 2, 3};
        RepeatingStream in = new RepeatingStream(block, 8);
        byte[] buffer = new byte[16];
        int total = 0;
        int r;
        while ((r = in.read(buffer, total, buffer.length - total)) > 0) {
            total += r;
        }
        assertThat(total).isEqualTo(8);
        assertThat(java.util.Arrays.copyOf(buffer, 8)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(new RepeatingStream(block, 2).readAllBytes()).containsExactly(1, 2);
    }

    @Test
    void anS3ProblemMakesExitOneAndAFailingS3FindingExitThree() {
        assertThat(result(List.of(), List.of()).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result(List.of("node2: bucket aistorctl-accept-0a not removed: connection refused"), List.of()).exitCode())
                .isEqualTo(ExitCode.HOST_FAILED);
        assertThat(result(List.of(), List.of(new Finding("accept.s3_peers", Severity.FAIL, "", "", URL + ": PUT", "h", URL)))
                .exitCode()).isEqualTo(ExitCode.HARDWARE_CHECK_FAILED);
    }

    @Test
    void theJsonHasEveryFigureOfANodeFlatWithItsExpectationAndVerdicts() throws IOException {
        var doc = Json.mapper().readTree(Json.mapper().writeValueAsString(result(List.of(), List.of())));
        var node = doc.get("s3").get("nodes").get(0);
        assertThat(node.get("host").asText()).isEqualTo("node2");
        assertThat(node.get("put_mbps").asDouble()).isEqualTo(410.5);
        assertThat(node.get("get_p99_ms").asDouble()).isEqualTo(61.0);
        assertThat(node.get("expected_put_mbps").asDouble()).isEqualTo(1250.0);
        assertThat(node.get("put_verdict").asText()).isEqualTo("PASS");
        assertThat(node.get("get_verdict").asText()).isEqualTo("WARN");
        assertThat(doc.get("s3").get("aggregate").get("put_objects").asLong()).isEqualTo(100);
    }

    @Test
    void anObjectSizeBelowOneMebibytePrintsAsItIs() {
        RecordingOutput out = new RecordingOutput();
        AcceptResult r = result(List.of(), List.of());
        S3Result small = new S3Result(r.s3().bucket(), 256 << 10, 1, 1, r.s3().nodes(), r.s3().aggregate(), Map.of(), List.of());
        AcceptText.print(new AcceptResult("lab", List.of(), null, small, r.findings(), Map.of(), Map.of()), out);
        assertThat(String.join("\n", out.all)).contains("S3: 256 KiB objects, 1 requests at once per node");
    }

    @Test
    void theTableShowsEveryNodeAndTheClustersSum() {
        RecordingOutput out = new RecordingOutput();
        AcceptText.print(result(List.of(), List.of()), out);
        String text = String.join("\n", out.all);
        assertThat(text).contains("S3: 16 MiB objects, 8 requests at once per node, 5 s a phase, bucket aistorctl-accept-00ff00ff00ff")
                .containsPattern("HOST +ENDPOINT +PUT MB/s +PUT p50/p99 ms +GET MB/s")
                .containsPattern("node2 +" + URL + " +411 +40/95 +820 +20/61 +100/200 +1250/1250 +PASS +WARN")
                .containsPattern("all 1 nodes +411 ");
    }

    private static AcceptResult result(List<String> problems, List<Finding> findings) {
        S3Result s3 = new S3Result("aistorctl-accept-00ff00ff00ff", 16L << 20, 8, 5,
                List.of(new S3Result.Node(NODE, 1250.0, 1250.0, Severity.PASS, Severity.WARN)),
                new S3Result.Aggregate(410.5, 820.25, 40.0, 95.0, 20.0, 61.0, 100, 200), Map.of(), problems);
        return new AcceptResult("lab", List.of(), null, s3, Map.of("node2", findings), Map.of(), Map.of("s3", 11.0));
    }
}
