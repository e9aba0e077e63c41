package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Connector;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.lab.LabHost;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.LockHolder;
import dev.aistorctl.playbooks.journal.RunStore;
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
 * aistorctl tune against real lab hosts, in the order a field engineer would go: look, tune, re-run, reboot,
 * revert. Lab hosts are containers sharing this machine's kernel, so only per-namespace net.* keys can be
 * set there; the global ones must be reported, never changed on the controller.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TuneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NET_KEYS = List.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.core.somaxconn", "net.core.optmem_max");
    /* Counters and random values the kernel changes by itself. */
    private static final List<String> VOLATILE = List.of("fs.dentry-state", "fs.file-nr", "fs.inode-nr", "fs.inode-state",
            "kernel.ns_last_pid", "kernel.random.", "net.netfilter.nf_conntrack_count");
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("tuneit", 3, 1);
    private static Map<String, String> originals;

    @BeforeAll
    static void up() {
        originals = sysctl(host(0), NET_KEYS);
    }

    @Test
    @Order(1)
    void aDryRunShowsThePlanAndChangesNothing() {
        Map<String, String> before = allSysctl(host(0));

        CliRun run = tune("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Planned changes (dry run: nothing was changed):",
                "sysctl net.ipv4.tcp_rmem: " + originals.get("net.ipv4.tcp_rmem") + " -> 4096 1048576 67108864",
                "/etc/sysctl.d/60-aistor.conf: (absent) -> ", "3 would change");
        assertThat(allSysctl(host(0))).isEqualTo(before);
        assertThat(ssh(host(0), "ls /etc/sysctl.d /etc/security/limits.d; test -e /var/lib/aistorctl/tune-original.json && echo recorded; true"))
                .doesNotContain("60-aistor", "recorded");
    }

    @Test
    @Order(2)
    void tuneSetsTheNetworkKeysAndReportsTheGlobalOnesWithoutTouchingTheController() throws IOException {
        String controllerSwappiness = Files.readString(Path.of("/proc/sys/vm/swappiness")).strip();
        // a swap line for a file that does not exist: tune comments it, swapoff -a finds nothing on, revert puts it back
        ssh(host(0), "printf '/swap.img\\tnone\\tswap\\tsw\\t0\\t0\\n' >> /etc/fstab");

        CliRun run = tune("-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("summary").get("hosts_changed").asInt()).isEqualTo(3);
        for (JsonNode h : json.get("hosts")) {
            assertThat(h.get("not_applicable").toString()).contains("sysctl vm.swappiness (", "sysctl kernel.numa_balancing (",
                    "sysctl net.core.rmem_max (", "kernel argument iommu=pt (no GRUB here (/etc/default/grub is missing): "
                            + "set iommu=pt on the kernel command line by hand)");
        }
        assertThat(ssh(host(0), "cat /etc/fstab")).contains("#aistor-swapoff# /swap.img\tnone\tswap");
        assertThat(ssh(host(1), "ls /etc/default/grub.d 2>&1; true")).as("no half-written boot configuration").doesNotContain("aistor-iommu");
        for (int i = 0; i < 3; i++) {
            assertThat(sysctl(host(i), NET_KEYS)).containsEntry("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                    .containsEntry("net.ipv4.tcp_wmem", "4096 1048576 67108864").containsEntry("net.core.somaxconn", "65535");
            assertThat(ssh(host(i), "cat /etc/sysctl.d/60-aistor.conf")).contains("net.core.somaxconn = 65535")
                    .doesNotContain("vm.swappiness", "kernel.", "rmem_max");
        }
        assertThat(ssh(host(0), "cat /var/lib/aistorctl/tune-original.json"))
                .contains("\"sysctl net.ipv4.tcp_rmem\" : \"" + originals.get("net.ipv4.tcp_rmem") + "\"");
        assertThat(Files.readString(Path.of("/proc/sys/vm/swappiness")).strip()).isEqualTo(controllerSwappiness);
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothingOnAnyHost() throws IOException {
        CliRun run = tune("-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("summary").get("steps_changed").asInt()).isZero();
        for (JsonNode h : json.get("hosts")) {
            assertThat(h.get("changed").asInt()).as(h.get("host").asText()).isZero();
            assertThat(h.get("status").asText()).isEqualTo("ok");
        }
        // A converged host is planned from one batch of every step's reads: one remote command, run before any
        // step (the host lock's own command is not journaled), and every step's read answered from it.
        List<JsonNode> events = RunStore.standard().events(json.get("run_id").asText());
        for (int i = 0; i < 3; i++) {
            String name = host(i).name();
            List<JsonNode> ran = events.stream().filter(e -> e.path("host").asText().equals(name)).toList();
            List<JsonNode> commands = ran.stream().filter(e -> e.path("event").asText().equals("command")).toList();
            assertThat(commands).as(name + ": " + commands).hasSize(1);
            assertThat(commands.get(0).has("step")).isFalse();
            assertThat(ran.stream().filter(e -> e.path("event").asText().equals("batched_read")).count()).as(name)
                    .isEqualTo(ran.stream().filter(e -> e.path("event").asText().equals("step_result")).count());
        }
        // Letting go no longer waits for a look at the lock shell, only for its end: after the command, every host's
        // lock is free and its holder file gone.
        for (int i = 0; i < 3; i++) {
            assertThat(ssh(host(i), "flock -n " + HostLock.DEFAULT_PATH + " true && echo free; ls " + HostLock.DEFAULT_PATH
                    + ".json 2>/dev/null || true").strip()).as(host(i).name()).isEqualTo("free");
        }
    }

    @Test
    @Order(4)
    void aSecondRunOnALockedHostIsRefused() {
        Inventory inventory = InventoryLoader.load(lab.inventory());
        Connections connections = new Connections(inventory, inventory.hosts(), false);
        try (Connector first = connections.open("tuneit-node1");
             HostLock.Held held = new HostLock().acquire(first, LockHolder.thisProcess("20261125T000000Z-aaaa", java.time.Instant.now()))) {
            CliRun second = tune("--limit", "tuneit-node1");

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.out()).contains("tuneit-node1", "20261125T000000Z-aaaa");
        }
    }

    @Test
    @Order(5)
    void theNetworkKeysSurviveAReboot() throws Exception {
        LabHost host = host(1);
        String bootBefore = ssh(host, "cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat | cut -d' ' -f22").strip();
        sshQuiet(host, "systemctl reboot");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String bootAfter = "";
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            bootAfter = sshQuiet(host, "systemctl is-system-running --wait >/dev/null 2>&1; cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat | cut -d' ' -f22").strip();
            if (!bootAfter.isEmpty() && !bootAfter.equals(bootBefore)) {
                break;
            }
        }
        assertThat(bootAfter).as("the host came back from its reboot").isNotEmpty().isNotEqualTo(bootBefore);

        assertThat(sysctl(host, NET_KEYS)).containsEntry("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                .containsEntry("net.core.somaxconn", "65535");
        CliRun again = tune("--limit", "tuneit-node2", "-o", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    @Order(6)
    void anUnreachableHostIsNamedAndTheOthersFinish(@TempDir Path dir) throws Exception {
        LabHost host = host(2);
        Path inventory = lab.inventoryWith(dir, "short.yaml", "connect_timeout: 10s", "connect_timeout: 2s");
        run("ip", "netns", "exec", host.netns(), "ip", "link", "set", "eth0", "down");
        try {
            CliRun run = CliRun.of("tune", "-i", inventory.toString(), "--revert", "--dry-run");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).containsPattern("tuneit-node3\\s+failed");
            assertThat(run.out()).containsPattern("tuneit-node1\\s+changed").containsPattern("tuneit-node2\\s+changed");
        } finally {
            run("ip", "netns", "exec", host.netns(), "ip", "link", "set", "eth0", "up");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sshQuiet(host, "echo back").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            assertThat(sshQuiet(host, "echo back")).as(host.name() + " reachable again").contains("back");
        }
    }

    @Test
    @Order(7)
    void revertRestoresTheOriginalsAndRemovesTheFiles() throws IOException {
        CliRun run = tune("--revert");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("sysctl net.ipv4.tcp_rmem: 4096 1048576 67108864 -> " + originals.get("net.ipv4.tcp_rmem"));
        assertThat(sysctl(host(0), NET_KEYS)).isEqualTo(originals);
        assertThat(ssh(host(0), "cat /etc/fstab")).contains("\n/swap.img\tnone\tswap").doesNotContain("aistor-swapoff");
        assertThat(ssh(host(0), "ls /etc/sysctl.d /etc/security/limits.d /var/lib/aistorctl 2>&1")).doesNotContain("60-aistor", "tune-original");

        CliRun again = tune("--revert", "-o", "json");
        assertThat(JSON.readTree(again.out()).get("summary").get("steps_changed").asInt()).isZero();
    }

    private static CliRun tune(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "tune";
        all[1] = "-i";
        all[2] = lab.inventory().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private static LabHost host(int i) {
        return lab.state().hosts().get(i);
    }

    private static Map<String, String> sysctl(LabHost host, List<String> keys) {
        Map<String, String> out = new TreeMap<>();
        for (String line : ssh(host, "sysctl " + String.join(" ", keys)).split("\n")) {
            String[] kv = line.split(" = ", 2);
            out.put(kv[0], kv[1].strip().replaceAll("\\s+", " "));
        }
        return out;
    }

    private static Map<String, String> allSysctl(LabHost host) {
        Map<String, String> out = new TreeMap<>();
        for (String line : ssh(host, "sysctl -a 2>/dev/null").split("\n")) {
            String[] kv = line.split(" = ", 2);
            if (kv.length == 2 && VOLATILE.stream().noneMatch(kv[0]::startsWith)) {
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    private static String ssh(LabHost host, String command) {
        String[] r = exec(host, command);
        assertThat(r[0]).as("ssh " + host.name() + " " + command + ": " + r[2]).isEqualTo("0");
        return r[1];
    }

    /** For commands that may lose the connection (reboot) or run while the host is down. */
    private static String sshQuiet(LabHost host, String command) {
        String[] r = exec(host, command);
        return "0".equals(r[0]) ? r[1] : "";
    }

    private static String[] exec(LabHost host, String command) {
        try {
            Process p = new ProcessBuilder("ssh", "-i", lab.state().clientKey().toString(), "-o", "BatchMode=yes",
                    "-o", "ConnectTimeout=3", "-o", "UserKnownHostsFile=" + lab.state().knownHosts(), "root@" + host.address(), command)
                    .redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new String[] {"timeout", "", ""};
            }
            return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)};
        } catch (IOException e) {
            throw new AssertionError("ssh " + host.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", argv) + ": " + out).isTrue();
    }
}
