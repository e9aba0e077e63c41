package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.Json;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * accept with every part on hosts where no storage node runs (right after drives prepare): the S3 part asks systemd on
 * every host, loads none, and gives each host a SKIP finding saying why, without reading the credential; exit 0.
 */
class S3SkipTest {
    private static final List<InventoryHost> HOSTS = List.of(host("node1"), host("node2"), host("node3"));

    @Test
    void theProbesAnswerNamesWhyANodeCannotBeLoaded() {
        assertThat(NodePresence.why("active\n")).isNull();
        assertThat(NodePresence.why("absent\n")).startsWith("no storage node installed (no /etc/systemd/system/minio.service");
        assertThat(NodePresence.why("inactive\n")).isEqualTo("the storage node is not running (systemctl is-active minio.service: inactive)");
        assertThat(NodePresence.why("failed")).contains("is-active minio.service: failed");
        assertThat(NodePresence.why("")).contains("is-active minio.service: unknown");
    }

    @Test
    void hostsThatRunNoNodeAreSkippedWithWhyAndTheCredentialIsNeverRead() {
        Map<String, String> answers = Map.of("node1", "absent\n", "node2", "inactive\n", "node3", "absent\n");
        List<String> asked = new ArrayList<>();
        Accept.S3Part part = new Accept.S3Part(new S3Request(1 << 20, 1, 1), () -> {
            throw new AssertionError("the credential is read only when a node is to be loaded");
        }, true);

        AcceptResult r = Accept.run(HardwareProfiles.load("lab"), HOSTS, probing(answers, asked), null, null, part, 3,
                new RecordingOutput());

        assertThat(asked).hasSize(3).allSatisfy(c -> assertThat(c).contains("systemctl is-active minio.service"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.unmeasured()).isEmpty();
        assertThat(r.s3().bucket()).isNull();
        assertThat(r.s3().nodes()).isEmpty();
        assertThat(r.s3().skipped()).containsOnlyKeys("node1", "node2", "node3");
        for (InventoryHost h : HOSTS) {
            List<Finding> mine = r.findings().get(h.name());
            assertThat(mine).as(h.name()).hasSize(1);
            Finding f = mine.get(0);
            assertThat(f.rule()).isEqualTo(Accept.S3_NODE_RULE);
            assertThat(f.severity()).isEqualTo(Severity.SKIP);
            assertThat(f.message()).startsWith(h.name() + ": S3 not measured: ");
        }
        assertThat(r.findings().get("node1").get(0).actual()).isEqualTo("not installed");
        assertThat(r.findings().get("node2").get(0).actual()).isEqualTo("not running");
        assertThat(r.findings().get("node2").get(0).message()).contains("systemctl is-active minio.service: inactive");

        RecordingOutput text = new RecordingOutput();
        AcceptText.print(r, text);
        assertThat(String.join("\n", text.all)).contains("S3 skipped on node1: no storage node installed")
                .contains("S3 skipped on node2: the storage node is not running").doesNotContain("bucket null");
    }

    @Test
    void aCredentialThatCannotBeReadSkipsTheRunningNodesOnlyWhenS3WasNotNamed() throws Exception {
        Map<String, String> answers = Map.of("node1", "active\n", "node2", "active\n", "node3", "absent\n");
        InvalidConfigException unset = new InvalidConfigException("secret env:ROOT_PW: environment variable ROOT_PW is not set");
        Accept.S3Part every = new Accept.S3Part(new S3Request(1 << 20, 1, 1), () -> {
            throw unset;
        }, true);

        AcceptResult r = Accept.run(HardwareProfiles.load("lab"), HOSTS, probing(answers, new ArrayList<>()), null, null, every, 3,
                new RecordingOutput());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.s3().skipped().get("node1")).isEqualTo("the nodes' root credential cannot be read: " + unset.getMessage());
        assertThat(r.s3().skipped().get("node3")).startsWith("no storage node installed");
        var json = Json.mapper().readTree(Json.mapper().writeValueAsString(r));
        assertThat(json.get("s3").get("skipped").get("node2").asText()).contains("ROOT_PW is not set");
        assertThat(json.get("findings").get("node2").get(0).get("severity").asText()).isEqualTo("SKIP");

        Accept.S3Part named = new Accept.S3Part(new S3Request(1 << 20, 1, 1), () -> {
            throw unset;
        }, false);
        assertThatThrownBy(() -> Accept.run(HardwareProfiles.load("lab"), HOSTS, h -> {
            throw new AssertionError("S3 named: no host is asked whether its node runs");
        }, null, null, named, 3, new RecordingOutput())).isSameAs(unset);
    }

    @Test
    void withEveryPartALoadTheControllerCannotHoldSkipsTheRunningNodesInsteadOfStoppingTheRest() {
        Map<String, String> answers = Map.of("node1", "active\n", "node2", "active\n", "node3", "active\n");
        // 3 nodes x 256 requests x 5 GiB in flight: no controller holds that.
        Accept.S3Part every = new Accept.S3Part(new S3Request(5L << 30, 256, 1), () -> {
            throw new AssertionError("nothing is loaded");
        }, true);

        AcceptResult r = Accept.run(HardwareProfiles.load("lab"), HOSTS, probing(answers, new ArrayList<>()), null, null, every, 3,
                new RecordingOutput());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.s3().skipped()).containsOnlyKeys("node1", "node2", "node3");
        assertThat(r.s3().skipped().get("node1")).startsWith("the S3 load does not fit this controller: 3 nodes x 256 requests")
                .contains("lower --concurrency or --object-size");
    }

    /** Hosts that answer the node probe only. */
    private static Function<String, Connector> probing(Map<String, String> answers, List<String> asked) {
        return name -> new Connector() {
            @Override
            public String host() {
                return name;
            }

            @Override
            public ExecResult run(Command command, byte[] stdin, Duration timeout) {
                String line = command.toShellLine();
                synchronized (asked) {
                    asked.add(line);
                }
                assertThat(line).contains("systemctl is-active");
                return new ExecResult(0, answers.get(name).getBytes(StandardCharsets.UTF_8), new byte[0], Duration.ZERO);
            }

            @Override
            public void put(byte[] content, String remotePath, int mode) {
                throw new AssertionError("nothing is written");
            }

            @Override
            public byte[] get(String remotePath) {
                throw new AssertionError("nothing is read");
            }

            @Override
            public void close() {
            }
        };
    }

    private static InventoryHost host(String name) {
        return new InventoryHost(name, "10.0.0." + name.charAt(4), "pool1", null, List.of("/mnt/drive1"));
    }
}
