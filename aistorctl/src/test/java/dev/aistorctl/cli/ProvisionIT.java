package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.cli.remote.Connections;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** provision from blank lab hosts (three, four loop drives each) to a healthy cluster, in order. */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LabHosts lab;
    private static Path home;
    private static Inventory inventory;
    private static String password;

    @BeforeAll
    static void up(@TempDir Path dir) throws IOException {
        home = dir;
        System.setProperty("aistorctl.home", dir.toString());
        lab = new LabHosts("pvit", 3, 4);
        inventory = InventoryLoader.load(lab.inventory());
        password = Files.readString(lab.state.rootPasswordFile()).strip();
    }

    @AfterAll
    static void down() {
        System.clearProperty("aistorctl.home");
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aDryRunShowsTheFormatsFirstAndChangesNothing() {
        CliRun dry = CliRun.of("provision", "-i", lab.inventory().toString(), "--dry-run");

        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("DESTRUCTIVE format", "12 drives to format (DESTRUCTIVE)");
        assertBlank();

        CliRun refused = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("refused", "--wipe-drives");
        assertBlank();
    }

    @Test
    @Order(1)
    void aFailingHardwareRuleStopsBeforeThePlanUnlessEveryFailingRuleIsAccepted(@TempDir Path dir) throws IOException {
        Path strict = lab.inventoryWith(dir, "strict.yaml", "hardware_profile: lab", "hardware_profile: ampere-altra-m128");

        CliRun stopped = CliRun.of("provision", "-i", strict.toString(), "--yes", "--wipe-drives", "--accept-finding", "nic.speed");

        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(3);
        assertThat(stopped.err()).contains("hardware check failed", "cpu.model").doesNotContain("dry run ");
        JsonNode doc = JSON.readTree(Files.readString(provisionJson(stopped.err())));
        assertThat(doc.get("outcome").asText()).isEqualTo("hardware_failed");
        assertThat(doc.get("runs").get("drives").isNull()).isTrue();
        assertBlank();

        List<String> failing = new java.util.ArrayList<>();
        doc.get("verify").get("hosts").forEach(h -> h.get("findings").forEach(f -> {
            if ("FAIL".equals(f.get("severity").asText()) && !failing.contains(f.get("rule").asText())) {
                failing.add(f.get("rule").asText());
            }
        }));
        CliRun accepted = CliRun.of("provision", "-i", strict.toString(), "--dry-run", "--accept-finding", String.join(",", failing));
        assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isZero();
        JsonNode plan = JSON.readTree(Files.readString(provisionJson(accepted.err())));
        assertThat(plan.get("outcome").asText()).isEqualTo("dry_run");
        assertThat(plan.get("accepted_findings")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(failing);
        assertBlank();
    }

    @Test
    @Order(2)
    void provisionTakesBlankHostsToAHealthyClusterProvenByS3() throws IOException {
        CliRun run = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes", "--wipe-drives", "-o", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode printed = JSON.readTree(run.out());
        Path file = provisionJson(run.err());
        JsonNode doc = JSON.readTree(Files.readString(file));
        assertThat(doc).isEqualTo(printed);
        assertThat(doc.get("format").asText()).isEqualTo("aistorctl-provision/1");
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(doc.get("failed_hosts")).isEmpty();
        assertThat(file.getParent().getFileName().toString()).isEqualTo(doc.get("run_id").asText());
        for (String section : List.of("inventory", "facts", "verify", "drives", "status")) {
            assertThat(doc.get(section).isNull()).as(section).isFalse();
        }
        assertThat(doc.get("runs").get("drives").get("dry_run").asBoolean()).isFalse();
        assertThat(doc.get("runs").get("tune").isNull()).isFalse();
        assertThat(doc.get("runs").get("node")).hasSize(2);
        assertThat(doc.get("status").get("ok").asBoolean()).isTrue();
        assertThat(doc.get("status").get("hosts")).hasSize(3)
                .allSatisfy(h -> assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue());
        assertThat(Files.readString(file)).doesNotContain(password);
        assertThat(run.out() + run.err()).doesNotContain(password);
        for (InventoryHost h : inventory.hosts()) {
            assertThat(onHost(h.name(), "findmnt -rn -o TARGET,FSTYPE | grep -c '^/mnt/drive[0-9]* xfs$'").strip())
                    .as(h.name()).isEqualTo("4");
        }
    }

    @Test
    @Order(3)
    void aSecondProvisionPlansNoChange() throws IOException {
        long t0 = System.nanoTime();
        CliRun again = CliRun.of("provision", "-i", lab.inventory().toString());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Plan: 0 changes on 3 hosts: the cluster is already provisioned.");
        assertThat(again.err()).contains("nothing to change");
        JsonNode doc = JSON.readTree(Files.readString(provisionJson(again.err())));
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(2));
    }

    private static Path provisionJson(String err) {
        Matcher m = Pattern.compile("provision \\S+: \\w+; (\\S+provision\\.json)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        Path file = Path.of(m.group(1));
        assertThat(file).startsWith(home).exists();
        return file;
    }

    private static void assertBlank() {
        for (dev.aistorctl.lab.LabHost h : lab.state.hosts()) {
            String drives = String.join(" ", h.dataDrives().stream().map(d -> d.device()).toList());
            assertThat(onHost(h.name(), "wipefs -n " + drives + " | wc -l").strip()).as(h.name() + ": no signature").isEqualTo("0");
            assertThat(onHost(h.name(), "grep -c '^LABEL=' /etc/fstab || true").strip()).as(h.name()).isEqualTo("0");
        }
    }

    private static String onHost(String host, String script) {
        try (Connector c = new Connections(inventory, inventory.hosts(), false).open(host)) {
            ExecResult r = c.run(Command.script(script).asRoot(), new byte[0], Duration.ofMinutes(2));
            assertThat(r.exitCode()).as(host + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }
}
