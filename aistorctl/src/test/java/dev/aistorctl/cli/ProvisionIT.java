package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.workflows.remote.Connections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * provision on three lab hosts with four loop drives each, in order: refusals that change nothing, one host
 * alone with --limit, the whole cluster from blank to healthy, a converged re-run, and a host dying in the
 * middle of a run followed by a re-run once it is back.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("pvit", 3, 4).withOwnHome();
    private static Inventory inventory;
    private static String password;
    private static String cluster;
    /** Per host, its XFS data drives and their UUIDs as the last run that formatted them left them. */
    private static final Map<String, String> formattedBefore = new HashMap<>();

    @BeforeAll
    static void up() throws IOException {
        inventory = InventoryLoader.load(lab.inventory());
        password = Files.readString(lab.state().rootPasswordFile()).strip();
        cluster = inventory.cluster().name();
    }

    @Test
    @Order(1)
    void aDryRunShowsTheFormatsFirstAndChangesNothing() {
        CliRun dry = CliRun.of("provision", "-i", lab.inventory().toString(), "--dry-run");

        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        // The formats first, as a table with a row per host for its alike drives, their mount points as a range.
        assertThat(dry.out()).containsPattern("HOST +DEVICE +MODEL +SIZE +NOW +ACTION +MOUNT +LABEL +SERIAL")
                .containsPattern("(?m)^" + host(1) + " +/dev/\\S+ .* format +/mnt/drive\\{1\\.\\.\\.4\\} ")
                .contains("12 drives to format (DESTRUCTIVE)");
        assertBlank();

        CliRun refused = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("refused", "--wipe-drives");
        assertBlank();

        CliRun mistyped = CliRun.typing(cluster + "-typo", "provision", "-i", lab.inventory().toString(), "--wipe-drives");
        assertThat(mistyped.exitCode()).as(mistyped.out() + mistyped.err()).isEqualTo(2);
        assertThat(mistyped.err()).contains("refused: the cluster's name was not typed; nothing was changed");
        CliRun noTerminal = CliRun.of("provision", "-i", lab.inventory().toString(), "--wipe-drives");
        assertThat(noTerminal.exitCode()).as(noTerminal.out() + noTerminal.err()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("no confirmation", "--yes");
        assertBlank();
    }

    @Test
    @Order(2)
    void withLimitOnlyThoseHostsArePreparedOnceTheClusterNameIsTyped() {
        String node1 = host(1);
        CliRun run = CliRun.typing(cluster, "provision", "-i", lab.inventory().toString(), "--limit", node1, "--wipe-drives");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("4 drives to format (DESTRUCTIVE)").containsPattern("(?m)^" + node1 + " +/dev/")
                .doesNotContain(host(2) + ":", host(3) + ":", host(2) + " ", host(3) + " ");
        assertThat(run.err()).contains("--limit: the node is neither installed nor started");
        assertThat(onHost(node1, "findmnt -rn -t xfs -o TARGET | grep -c '^/mnt/drive'").strip()).isEqualTo("4");
        assertBlank(host(2), host(3));
        formattedBefore.put(node1, xfsUuids(node1));
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
    @Order(3)
    void provisionTakesBlankHostsToAHealthyClusterProvenByS3() throws IOException {
        Map<String, Integer> loginsBefore = logins();
        CliRun run = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes", "--wipe-drives", "-o", "json");
        assertThat(loginsSince(loginsBefore)).as("SSH logins per host, from each host's sshd journal: one for the whole"
                + " provision (facts, plans, apply runs, pre-flight, node runs, health, proof)").allSatisfy((h, n) ->
                assertThat(n).as(h).isEqualTo(1));

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
        assertThat(xfsUuids(host(1))).as("the drives the --limit run formatted are not formatted again")
                .isEqualTo(formattedBefore.get(host(1)));
        inventory.hosts().forEach(h -> formattedBefore.put(h.name(), xfsUuids(h.name())));
    }

    @Test
    @Order(4)
    void aSecondProvisionPlansNoChange() throws IOException {
        long t0 = System.nanoTime();
        Map<String, Integer> loginsBefore = logins();
        CliRun again = CliRun.of("provision", "-i", lab.inventory().toString());
        assertThat(loginsSince(loginsBefore)).as("SSH logins per host of a converged re-run").allSatisfy((h, n) ->
                assertThat(n).as(h).isEqualTo(1));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Plan: 0 changes on 3 hosts: the cluster is already provisioned.");
        assertThat(again.err()).contains("nothing to change");
        Path file = provisionJson(again.err());
        JsonNode doc = JSON.readTree(Files.readString(file));
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(2));
        // A converged node is planned from one batch of its steps' reads per node playbook: one remote command per
        // host (the host lock's own command is not journaled), and every step answered from it.
        RunStore runs = new RunStore(file.getParent().getParent());
        assertThat(doc.get("runs").get("node")).extracting(r -> r.get("playbook").asText())
                .containsExactly("node-install", "node-start");
        for (JsonNode nodeRun : doc.get("runs").get("node")) {
            String playbook = nodeRun.get("playbook").asText();
            List<JsonNode> events = runs.events(nodeRun.get("run_id").asText());
            for (InventoryHost h : inventory.hosts()) {
                List<JsonNode> ran = events.stream().filter(e -> e.path("host").asText().equals(h.name())).toList();
                List<JsonNode> commands = ran.stream().filter(e -> e.path("event").asText().equals("command")).toList();
                assertThat(commands).as(playbook + " on " + h.name() + ": " + commands).hasSize(1);
                assertThat(commands.get(0).has("step")).isFalse();
                assertThat(ran.stream().filter(e -> e.path("event").asText().equals("step_result")).toList())
                        .as(playbook + " on " + h.name()).isNotEmpty().allSatisfy(step -> assertThat(ran.stream()
                                .anyMatch(e -> e.path("event").asText().equals("batched_read")
                                        && e.path("step").asInt() == step.path("step").asInt()))
                                .as(playbook + " on " + h.name() + ": step " + step).isTrue());
            }
        }
    }

    @Test
    @Order(5)
    void aSecondProvisionWhileTheFirstWaitsAtItsGoAheadIsRefusedOnEveryHostNamingTheFirst() throws Exception {
        // A change on every host for the first provision to ask about: without --yes it shows its plan and waits for
        // the cluster's name, holding every host's lock from its fact gathering to its end.
        inventory.hosts().forEach(h -> onHost(h.name(), "sysctl -qw net.core.somaxconn=4096"));
        WatchedStream err = new WatchedStream(Pattern.compile("(?m)^provision (\\S+): cluster"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<String> asked = new CompletableFuture<>();
        CompletableFuture<String> typed = new CompletableFuture<>();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                question -> {
                    asked.complete(question);
                    return Optional.of(typed.join());
                }, "provision", "-i", lab.inventory().toString()));
        String firstId;
        CliRun second;
        try {
            asked.get(3, TimeUnit.MINUTES);
            Matcher id = Pattern.compile("(?m)^provision (\\S+): cluster").matcher(err.text());
            assertThat(id.find()).as(err.text()).isTrue();
            firstId = id.group(1);
            for (InventoryHost h : inventory.hosts()) {
                assertThat(onHost(h.name(), "cat /run/aistorctl.lock.json")).as(h.name() + ": held at the go-ahead")
                        .contains("\"run_id\":\"" + firstId + "\"");
            }
            second = CliRun.packaged(lab.home(), "provision", "-i", lab.inventory().toString(), "--yes");
            for (InventoryHost h : inventory.hosts()) {
                assertThat(onHost(h.name(), "sysctl -n net.core.somaxconn").strip()).as(h.name() + ": nothing changed by the"
                        + " refused provision, nor yet by the waiting one").isEqualTo("4096");
            }
        } finally {
            typed.complete(cluster);
        }
        assertThat(first.get(10, TimeUnit.MINUTES)).as(out + err.text()).isZero();

        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(1);
        for (InventoryHost h : inventory.hosts()) {
            assertThat(second.err()).as("refused on every host, naming the first provision")
                    .containsPattern(Pattern.quote(h.name()) + ": .*take the run lock /run/aistorctl.lock: held by run "
                            + Pattern.quote(firstId) + " .*--break-lock " + Pattern.quote(firstId));
            assertThat(onHost(h.name(), "sysctl -n net.core.somaxconn").strip()).as(h.name()).isEqualTo("65535");
        }
        JsonNode refused = JSON.readTree(Files.readString(provisionJson(second.err())));
        assertThat(refused.get("outcome").asText()).isEqualTo("failed");
    }

    @Test
    @Order(6)
    void aHostDyingInTheMiddleFailsAloneAndARunAfterItIsBackConverges() throws Exception {
        // A change that needs applying everywhere: a kernel setting drifted on every host.
        inventory.hosts().forEach(h -> onHost(h.name(), "sysctl -qw net.core.somaxconn=4096"));
        String dying = host(2);

        WatchedStream err = new WatchedStream(Pattern.compile("(?m)^run \\S+: tune on 3 hosts"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                question -> Optional.empty(), "provision", "-i", lab.inventory().toString(), "--yes"));
        err.seen.get(3, TimeUnit.MINUTES);
        lab.powerCut(dying);
        int code = third.get(10, TimeUnit.MINUTES);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.text()).isEqualTo(1);
        JsonNode doc = JSON.readTree(Files.readString(provisionJson(err.text())));
        assertThat(doc.get("outcome").asText()).isEqualTo("failed");
        assertThat(doc.get("failed_hosts")).extracting(JsonNode::asText).containsExactly(dying);
        assertThat(err.text()).contains("provision failed on " + dying + " (the table above says where); the other hosts finished",
                "(not for " + dying + ", which failed)");
        assertThat(summaryRow(printed, dying)).contains("DOWN");
        for (String survivor : List.of(host(1), host(3))) {
            assertThat(summaryRow(printed, survivor)).contains("changed 1", "healthy, S3 verified");
            assertThat(onHost(survivor, "sysctl -n net.core.somaxconn").strip()).as(survivor).isEqualTo("65535");
        }

        lab.start(dying);
        CliRun again = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes");

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).doesNotContain("DESTRUCTIVE format");
        assertThat(JSON.readTree(Files.readString(provisionJson(again.err()))).get("outcome").asText()).isEqualTo("ok");
        for (InventoryHost h : inventory.hosts()) {
            assertThat(summaryRow(again.out(), h.name())).contains("healthy, S3 verified");
            assertThat(onHost(h.name(), "sysctl -n net.core.somaxconn").strip()).as(h.name()).isEqualTo("65535");
            assertThat(xfsUuids(h.name())).as(h.name() + ": no drive formatted again").isEqualTo(formattedBefore.get(h.name()));
        }
    }


    /**
     * The SSH logins each host's sshd has accepted so far, from its journal ("Accepted publickey"), the login of this
     * reading included. A moment's pause first, so that the journal has every line sshd logged.
     */
    private static Map<String, Integer> logins() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        inventory.hosts().forEach(h -> out.put(h.name(), Integer.parseInt(onHost(h.name(),
                "sleep 1; journalctl -u ssh -o cat | grep -c 'Accepted publickey' || true").strip())));
        return out;
    }

    /** The logins since {@code before} was read, less this reading's own. */
    private static Map<String, Integer> loginsSince(Map<String, Integer> before) {
        Map<String, Integer> after = logins();
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        after.forEach((h, n) -> out.put(h, n - before.get(h) - 1));
        return out;
    }

    /** The row of the provision summary (the last table printed) for this host. */
    private static String summaryRow(String printed, String host) {
        List<String> rows = printed.lines().filter(l -> l.startsWith(host + " ")).toList();
        assertThat(rows).as(printed).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    private static String host(int n) {
        return inventory.hosts().get(n - 1).name();
    }

    /** Each mounted XFS data drive with its file system's UUID: a new format would change it. */
    private static String xfsUuids(String host) {
        return onHost(host, "findmnt -rn -t xfs -o TARGET,UUID | sort");
    }

    /** What a command prints on stderr, and the moment a line matching {@code marker} appeared. */
    private static final class WatchedStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Pattern marker;
        final CompletableFuture<Void> seen = new CompletableFuture<>();

        WatchedStream(Pattern marker) {
            this.marker = marker;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            if (!seen.isDone() && marker.matcher(text()).find()) {
                seen.complete(null);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Path provisionJson(String err) {
        Matcher m = Pattern.compile("provision \\S+: \\w+; (\\S+provision\\.json)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        Path file = Path.of(m.group(1));
        assertThat(file).startsWith(lab.home()).exists();
        return file;
    }

    private static void assertBlank(String... only) {
        for (dev.aistorctl.lab.LabHost h : lab.state().hosts()) {
            if (only.length > 0 && !List.of(only).contains(h.name())) {
                continue;
            }
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
