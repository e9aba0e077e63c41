package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A playbook run against real lab hosts over SSH: results, journal, and the secrets that never reach either. */
@Tag("lab")
class RunOverSshIT {
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("runit", 2, 1).withOwnHome();

    @Test
    void pingRunsOnEveryHostAndIsJournalled() throws IOException {
        CliRun run = CliRun.of("run", "ping", "-i", lab.inventory().toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        String runId = result.get("run_id").asText();
        assertThat(result.get("hosts").findValuesAsText("host")).containsExactly("runit-node1", "runit-node2");
        assertThat(result.get("hosts").findValues("failed")).allMatch(n -> n.asInt() == 0);

        CliRun list = CliRun.of("runs", "list");
        assertThat(list.out()).contains(runId, "ping");
        Path journal = lab.home().resolve("runs").resolve(runId).resolve("journal.jsonl");
        assertThat(journal).exists();
        assertThat(Files.readString(journal)).contains("\"run_start\"", "\"run_end\"", "runit-node2");
    }

    @Test
    void theLabRootPasswordNeverReachesOutputOrJournal() throws IOException {
        String password = Files.readString(lab.state().rootPasswordFile()).strip();
        assertThat(password).isNotBlank();

        CliRun run = CliRun.of("run", "ping", "-i", lab.inventory().toString(), "--debug");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(password);
        try (Stream<Path> files = Files.walk(lab.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(password);
            }
        }
    }
}
