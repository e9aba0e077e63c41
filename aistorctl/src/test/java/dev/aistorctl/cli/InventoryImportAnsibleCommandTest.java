package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inventory import ansible from the command line: output, exit codes, and what it never prints. */
class InventoryImportAnsibleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INI = """
            [storage]
            node[01:02].example.net ansible_user=ubuntu
            [storage:vars]
            ansible_become_password=DoNotPrintMe
            """;

    @Test
    void withoutOutTheInventoryGoesToStdoutAndTheSummaryToStderr(@TempDir Path dir) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), INI);

        CliRun run = CliRun.of("inventory", "import", "ansible", hosts.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Written by aistorctl inventory import ansible").contains("  user: ubuntu  # ansible_user, ")
                .contains("hosts: \"node{01...02}.example.net\"");
        assertThat(run.err()).contains(hosts + ":4:1: ansible_become_password is a secret and is not copied")
                .contains("5 TODOs to fill in").contains("-:");
        assertThat(run.out() + run.err()).doesNotContain("DoNotPrintMe");
    }

    @Test
    void jsonListsHostsWarningsAndTodos(@TempDir Path dir) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), INI);
        Path out = dir.resolve("inventory.yaml");

        CliRun run = CliRun.of("inventory", "import", "ansible", hosts.toString(), "--out", out.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("written").asBoolean()).isTrue();
        assertThat(doc.get("hosts").findValuesAsText("host")).containsExactly("node01.example.net", "node02.example.net");
        assertThat(doc.get("hosts").get(0).get("ssh").get("user").get("value").asText()).isEqualTo("ubuntu");
        assertThat(doc.get("warnings").get(0).get("where").asText()).isEqualTo(hosts + ":4:1");
        assertThat(doc.get("todos")).hasSize(5);
        assertThat(out).exists();
        assertThat(run.out()).doesNotContain("DoNotPrintMe");
    }

    @Test
    void aPluginIsRefusedWithExitFourAndAnExistingOutWithExitTwo(@TempDir Path dir) throws IOException {
        Path plugin = Files.writeString(dir.resolve("aws_ec2.yml"), "plugin: amazon.aws.aws_ec2\n");
        Path out = dir.resolve("inventory.yaml");

        CliRun refused = CliRun.of("inventory", "import", "ansible", plugin.toString(), "--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains(plugin + ":1:1: inventory plugin 'amazon.aws.aws_ec2'").contains("ansible-inventory");
        assertThat(out).doesNotExist();

        Files.writeString(out, "mine\n");
        CliRun exists = CliRun.of("inventory", "import", "ansible", Files.writeString(dir.resolve("h"), INI).toString(),
                "--out", out.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(out).hasContent("mine");
    }
}
