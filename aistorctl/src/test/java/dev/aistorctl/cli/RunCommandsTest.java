package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void journalsInATempDir() {
        System.setProperty("aistorctl.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("aistorctl.home");
    }

    /** An inventory whose hosts point at a loopback port where nothing listens. */
    private Path inventory() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("known_hosts"), "");
        Files.writeString(dir.resolve("id"), "");
        return Files.writeString(dir.resolve("inventory.yaml"), """
                version: 1
                cluster: {name: t}
                ssh: {user: root, port: %d, identity_file: %s, known_hosts: %s, connect_timeout: 2s}
                node:
                  binary: {path: minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}
                  root_user: admin
                  root_password: {env: AISTOR_ROOT_PASSWORD_UNSET}
                pools:
                  - name: pool1
                    hosts: node{1...4}
                    drives: {count: 4, mount: "/mnt/drive{1...4}"}
                hosts:
                  node1: {address: 127.0.0.1}
                  node2: {address: 127.0.0.2}
                  node3: {address: 127.0.0.3}
                  node4: {address: 127.0.0.4}
                """.formatted(port, dir.resolve("id"), dir.resolve("known_hosts")));
    }

    @Test
    void unreachable_hosts_fail_each_with_its_cause_and_the_run_is_journaled() throws Exception {
        Path inv = inventory();

        CliRun run = CliRun.of("run", "ping", "-i", inv.toString(), "--limit", "node1,node2", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("run_id").asText()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
        assertThat(result.path("hosts")).hasSize(2);
        JsonNode node1 = result.path("hosts").get(0);
        assertThat(node1.path("host").asText()).isEqualTo("node1");
        assertThat(node1.path("status").asText()).isEqualTo("failed");
        assertThat(node1.path("skipped").asInt()).isEqualTo(2);
        assertThat(node1.path("error").asText()).startsWith("node1: ");
        assertThat(result.path("summary").path("hosts_failed").asInt()).isEqualTo(2);
        // By default progress is each host's outcome; -v adds every step as it finishes.
        assertThat(run.err()).containsPattern("\\] node1: failed").doesNotContain("node1: step 1/2");
        CliRun verbose = CliRun.of("run", "ping", "-i", inv.toString(), "--limit", "node1", "-o", "json", "-v");
        assertThat(verbose.err()).contains("node1: step 1/2 reachable as the login user: skipped");

        String id = result.path("run_id").asText();
        CliRun list = CliRun.of("runs", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(id).contains("ping");

        CliRun show = CliRun.of("runs", "show", id, "-o", "json");
        assertThat(show.exitCode()).isZero();
        JsonNode shown = JSON.readTree(show.out());
        assertThat(shown.path("run_id").asText()).isEqualTo(id);
        assertThat(shown.path("events").get(0).path("event").asText()).isEqualTo("run_start");
        assertThat(shown.path("events").get(0).path("args").path("limit").asText()).isEqualTo("node1,node2");

        CliRun text = CliRun.of("runs", "show", id);
        assertThat(text.out()).contains("node2").contains("failed");
    }

    @Test
    void the_text_report_ends_with_a_summary_table_and_the_run_id() throws Exception {
        CliRun run = CliRun.of("run", "ping", "-i", inventory().toString(), "--serial", "50%", "--max-fail-percentage", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("HOST").contains("SKIPPED");
        // The first batch (2 hosts) fails; with 0% allowed the second batch is not started.
        assertThat(run.out()).containsPattern("node3 +skipped");
        assertThat(run.out()).containsPattern("run \\d{8}T\\d{6}Z-[0-9a-f]{4}: 4 hosts, 0 ok, 0 changed, 2 failed, 2 skipped");
    }

    @Test
    void an_invalid_playbook_is_located_and_exits_4() throws Exception {
        Path playbook = Files.writeString(dir.resolve("site.yaml"),
                "version: 1\nname: site\nsteps:\n  - step: reachble\n");

        CliRun run = CliRun.of("run", playbook.toString(), "-i", inventory().toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains(playbook + ":4:5: unknown step type 'reachble'; did you mean 'reachable'?");
    }

    @Test
    void a_bad_serial_is_a_usage_error() throws Exception {
        CliRun run = CliRun.of("run", "ping", "-i", inventory().toString(), "--serial", "0%");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--serial");
    }

    @Test
    void an_unknown_run_id_is_a_usage_error() {
        CliRun run = CliRun.of("runs", "show", "20991231T000000Z-ffff");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no run 20991231T000000Z-ffff");
    }
}
