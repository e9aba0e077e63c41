package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;

/**
 * Faults injected from outside aistorctl, through the CLI, on three lab hosts with two loop drives each: a
 * drive that vanishes between plan and apply, and a second run while one holds the hosts. Each checks that
 * the other hosts finish, that the failed host says where and why, that the journal tells the same story, and that a run once the fault is gone
 * converges without redoing what was done.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LabHosts lab;
    private static Path home;

    @BeforeAll
    static void up(@TempDir Path dir) {
        home = dir;
        System.setProperty("aistorctl.home", dir.toString());
        lab = new LabHosts("faults", 3, 2);
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
    void aDriveDetachedBetweenPlanAndApplyFormatsNothingOnItsHostWhileTheOthersFinish(@TempDir Path dir) throws IOException {
        CliRun plan = prepare("--dry-run", "-o", "json");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        Path planFile = Files.writeString(dir.resolve("plan.json"), plan.out());

        LabDrive vanishing = node(2).dataDrives().get(1);
        controller("losetup --detach " + vanishing.device());
        CliRun apply;
        try {
            apply = prepare("--wipe-drives", "--plan", planFile.toString());
        } finally {
            controller("losetup " + vanishing.device() + " " + vanishing.backingFile());
        }

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(1);
        String node2Error = errorColumn(apply.out(), node(2).name());
        assertThat(node2Error).contains("step 1", "xfs-drives", "device state changed", "nothing is formatted on this host");
        assertThat(ssh(node(2), "wipefs -n " + String.join(" ", devices(2)) + "; grep -c '^LABEL=' /etc/fstab || true").strip())
                .as("nothing formatted on node 2, its fstab untouched").isEqualTo("0");
        assertPrepared(node(1));
        assertPrepared(node(3));

        List<JsonNode> journal = journal(apply.out() + apply.err());
        assertThat(hostEnds(journal)).containsEntry(node(1).name(), "changed").containsEntry(node(2).name(), "failed")
                .containsEntry(node(3).name(), "changed");
        assertThat(journal.get(journal.size() - 1).path("event").asText()).isEqualTo("run_end");
        assertThat(journal).filteredOn(e -> "command".equals(e.path("event").asText())
                        && node(2).name().equals(e.path("host").asText()) && e.toString().contains("mkfs"))
                .as("no format command ran on node 2").isEmpty();

        Map<String, String> uuids = uuids(1, 3);
        CliRun again = prepare("--wipe-drives");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertPrepared(node(2));
        assertThat(uuids(1, 3)).as("the drives formatted before are not formatted again").isEqualTo(uuids);
    }

    @Test
    @Order(2)
    void aSecondRunWhileOneHoldsTheHostsIsRefusedBeforeAnyChangeNamingTheFirst() throws Exception {
        // a drift for the first run to repair, so that it has something to apply while it holds the hosts
        Map<String, String> uuids = uuids(1, 2, 3);
        ssh(node(1), "umount /mnt/drive2");
        Path jar = Path.of("target", "aistorctl.jar").toAbsolutePath();
        assertThat(jar).as("the packaged CLI, a second controller").exists();
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "drives", "prepare", "-i",
                lab.inventory().toString(), "--wipe-drives").redirectErrorStream(true);
        pb.environment().put("AISTORCTL_HOME", home.toString());
        Process first = pb.start();
        CompletableFuture<String> firstOutput = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String holder = awaitLockHolder(node(1), Duration.ofMinutes(2));

        CliRun second = prepare("--wipe-drives");
        assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String firstOut = firstOutput.get();
        assertThat(first.exitValue()).as(firstOut).isZero();

        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(1);
        Matcher named = Pattern.compile("held by run (\\S+) \\(").matcher(second.out() + second.err());
        assertThat(named.find()).as(second.out() + second.err()).isTrue();
        assertThat(firstOut).as("the run the refusal names is the first one").contains("run " + named.group(1) + ":");
        assertThat(holder).contains(named.group(1).substring(0, 8));
        for (int n = 1; n <= 3; n++) {
            assertThat(errorColumn(second.out(), node(n).name())).contains("take the run lock", "--break-lock " + named.group(1));
        }
        List<JsonNode> journal = journal(second.out() + second.err());
        assertThat(journal).filteredOn(e -> List.of("command", "put").contains(e.path("event").asText()))
                .as("the refused run ran nothing on any host").isEmpty();
        assertThat(hostEnds(journal).values()).containsOnly("failed");

        assertPrepared(node(1));
        assertThat(uuids(1, 2, 3)).isEqualTo(uuids);
        awaitEmpty(node(1), "cat /run/aistorctl.lock.json 2>/dev/null; for e in /proc/[0-9]*/environ; do"
                + " grep -qz '^AISTORCTL_LOCK_RUN=' $e 2>/dev/null && echo $e; done; true", Duration.ofSeconds(20));
    }

    /** The ERROR column of the host's row in the summary table (the last table printed). */
    private static String errorColumn(String out, String host) {
        List<String> rows = out.lines().filter(l -> l.startsWith(host + " ")).toList();
        assertThat(rows).as(out).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    /** The events of the journal the run printed the path of. */
    private static List<JsonNode> journal(String printed) throws IOException {
        Matcher m = Pattern.compile("(?m)^journal: (\\S+)$").matcher(printed);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as(printed).isNotNull();
        Path file = Path.of(last);
        assertThat(file).startsWith(home);
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        assertThat(events.get(0).path("event").asText()).isEqualTo("run_start");
        return events;
    }

    private static Map<String, String> hostEnds(List<JsonNode> journal) {
        Map<String, String> out = new LinkedHashMap<>();
        journal.stream().filter(e -> "host_end".equals(e.path("event").asText()))
                .forEach(e -> out.put(e.path("host").asText(), e.path("status").asText()));
        return out;
    }

    private static String awaitLockHolder(LabHost host, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            String held = ssh(host, "cat /run/aistorctl.lock.json 2>/dev/null || true").strip();
            if (!held.isEmpty()) {
                return held;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no run took the lock on " + host.name() + " within " + within);
    }

    /** Waits until the script prints nothing: what it lists is gone. */
    private static void awaitEmpty(LabHost host, String script, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        String left = "";
        while (System.nanoTime() < end) {
            left = ssh(host, script).strip();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(host.name() + ": still there after " + within + ": " + left);
    }

    /** Each data drive k of the host: XFS labelled for slot k, mounted at /mnt/drivek, with its marker. */
    private static void assertPrepared(LabHost h) {
        for (int k = 1; k <= 2; k++) {
            String dev = h.dataDrives().get(k - 1).device();
            assertThat(ssh(h, "findmnt -n -o TARGET --source " + dev + "; test -s /mnt/drive" + k + "/.aistorctl-drive.json && echo marker")
                    .strip()).as(h.name() + " " + dev).isEqualTo("/mnt/drive" + k + "\nmarker");
        }
        assertThat(ssh(h, "grep -c '^LABEL=' /etc/fstab").strip()).as(h.name()).isEqualTo("2");
    }

    /** Per host, its mounted data drives with their file systems' UUIDs: a new format changes them. */
    private static Map<String, String> uuids(int... nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n : nodes) {
            out.put(node(n).name(), ssh(node(n), "findmnt -rn -t xfs -o TARGET,UUID | sort"));
        }
        return out;
    }

    private static CliRun prepare(String... more) {
        List<String> args = new ArrayList<>(List.of("drives", "prepare", "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static LabHost node(int n) {
        return lab.state.hosts().get(n - 1);
    }

    private static List<String> devices(int n) {
        return node(n).dataDrives().stream().map(LabDrive::device).toList();
    }

    static void controller(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(script + "\n" + out).isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String ssh(LabHost host, String script) {
        SshSettings settings = SshSettings.builder(host.name(), lab.state.clientKey(), lab.state.knownHosts())
                .address(host.address()).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            ExecResult r = connector.run(Command.script(script), Duration.ofMinutes(2));
            assertThat(r.exitCode()).as(host.name() + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }
}
