package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The inventory commands as a user runs them: exit codes, file:line:col, JSON fields. */
class InventoryCommandsTest {
    private static final Path ROOT = Path.of(System.getProperty("aistorctl.root", "..")).toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("inventory/examples/altra-8node.yaml");
    private static final Pattern EXPECT = Pattern.compile("# expect: line=(\\d+) words=(.*)");

    static Stream<Path> badInventories() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("inventory/src/test/resources/inventories/bad"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("badInventories")
    void everyBadInventoryExitsFourNamingItsLine(Path file) throws IOException {
        Matcher expect = EXPECT.matcher(Files.readAllLines(file).get(0));
        assertThat(expect.matches()).as("first line of %s states its expectation", file).isTrue();

        CliRun run = CliRun.of("inventory", "validate", "-i", file.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains(file + ":" + expect.group(1) + ":");
        assertThat(run.err()).contains("problem").doesNotContain("Exception");
    }

    @Test
    void theReferenceInventoryIsValid() {
        CliRun run = CliRun.of("inventory", "validate", "-i", EXAMPLE.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid", "dc1-aistor", "8 hosts", "64 drives");
    }

    @Test
    void validateAsJsonListsProblemsWithPositions() throws IOException {
        Path bad = badInventories().filter(p -> p.getFileName().toString().equals("become-typo.yaml")).findFirst().orElseThrow();
        CliRun run = CliRun.of("inventory", "validate", "-i", bad.toString(), "-o", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(json.get("valid").asBoolean()).isFalse();
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("line").asInt()).isPositive();
        assertThat(problem.get("column").asInt()).isPositive();
        assertThat(problem.get("message").asText()).isNotBlank();
    }

    @Test
    void showExpandsHostsAndGivesTheErasureLayout() throws IOException {
        CliRun run = CliRun.of("-o", "json", "inventory", "show", "-i", EXAMPLE.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("hosts")).hasSize(8);
        JsonNode first = json.get("hosts").get(0);
        assertThat(first.get("name").asText()).isEqualTo("node01.dc1.example.net");
        assertThat(first.get("address").asText()).isEqualTo("10.10.0.11");
        assertThat(first.get("mounts")).hasSize(8);
        assertThat(first.get("mounts").get(7).asText()).isEqualTo("/mnt/drive8");
        JsonNode pool = json.get("pools").get(0);
        assertThat(pool.get("erasure_set_size").asInt()).isEqualTo(16);
        assertThat(pool.get("erasure_set_count").asInt()).isEqualTo(4);
        assertThat(pool.get("parity").asInt()).isEqualTo(4);
        assertThat(pool.get("usable_bytes").asLong()).isEqualTo(pool.get("raw_bytes").asLong() * 12 / 16);
    }

    @Test
    void showTableHonoursLimit() {
        CliRun run = CliRun.of("inventory", "show", "-i", EXAMPLE.toString(), "--limit", "node0[12]*");
        assertThat(run.exitCode()).isZero();
        List<String> hostLines = run.out().lines().filter(l -> l.startsWith("node0")).toList();
        // Each selected host once in the hosts table and once in the SSH table.
        assertThat(hostLines).hasSize(4);
        assertThat(hostLines.stream().map(l -> l.split(" ")[0]).distinct()).containsExactly("node01.dc1.example.net", "node02.dc1.example.net");
        assertThat(run.out()).contains("4 x 16", "EC:4");
    }

    @Test
    void showSaysHowEachHostIsReachedAndWhereEachValueCameFrom() {
        CliRun run = CliRun.of("inventory", "show", "-i", EXAMPLE.toString(), "--limit", "node01*");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("node01.dc1.example.net +ubuntu +10.10.0.11 +22 +\\S+id_ed25519 +sudo +admin@bastion.dc1.example.net:22 +"
                + "address hosts.node01.dc1.example.net.address, user ssh.user, port ssh.port, key ssh.identity_file, become ssh.become, jump ssh.jump_host");
        CliRun json = CliRun.of("inventory", "show", "-i", EXAMPLE.toString(), "--limit", "node01*", "-o", "json");
        assertThat(json.out()).contains("\"user\" : {\n        \"value\" : \"ubuntu\",\n        \"from\" : \"ssh.user\"");
        assertThat(json.out()).contains("\"jump_hosts_from\" : \"ssh.jump_host\"");
    }

    @Test
    void aLimitMatchingNothingIsAUsageError() {
        CliRun run = CliRun.of("inventory", "show", "-i", EXAMPLE.toString(), "--limit", "nosuchhost*");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nosuchhost*");
    }

    @Test
    void missingInventoryOptionIsAUsageError() {
        CliRun run = CliRun.of("inventory", "show");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--inventory");
    }

    @Test
    void aMissingFileIsAnInvalidInventory() {
        CliRun run = CliRun.of("inventory", "validate", "-i", "no/such/inventory.yaml");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out() + run.err()).contains("no such file");
    }
}
