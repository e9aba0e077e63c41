package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

/**
 * VM lab hosts through the CLI: QEMU guests with their own kernel, emulated NVMe drives behind PCIe root ports (one
 * link lowered), a 200 Gb/s NIC. What facts and verify-hardware see on them; the whole install ({@code provision}) of
 * the lab's two hosts, the lowered link accepted; a reboot of every host after which the cluster is healthy by
 * itself; a power cut; then, on the one host left running, a {@code tune --revert} that a second reboot keeps, a drive
 * pulled before that reboot which does not stop it, and a down that leaves nothing behind.
 *
 * <p>Each step's wall time is printed ({@code VmLabIT: ... took}) for the record: under emulation they are minutes.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmLabIT {
    private static final String NAME = "vmit";
    private static final String NODE = NAME + "-node1";
    private static final String LOWERED = NAME + "-node2";
    private static final List<String> HOSTS = List.of(NODE, LOWERED);
    /** The only rule the lowered link fails: its root port runs below what it advertises. */
    private static final String LOWERED_LINK_RULE = "pcie.port_downgraded";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the built-in tuning profile sets, one of each kind, as the guest's kernel prints it back. */
    private static final Map<String, String> TUNED = Map.of("vm.swappiness", "0", "vm.dirty_ratio", "10",
            "kernel.hung_task_timeout_secs", "85", "fs.xfs.xfssyncd_centisecs", "72000", "net.core.rmem_max", "67108864",
            "thp.defrag", "always defer [defer+madvise] madvise never", "thp.max_ptes_none", "0",
            "nvme.scheduler", "[none] mq-deadline");
    private static final String READ_SETTINGS = """
            for k in vm.swappiness vm.dirty_ratio kernel.hung_task_timeout_secs net.core.rmem_max; do
                echo "$k=$(sysctl -n $k)"
            done
            echo "fs.xfs.xfssyncd_centisecs=$(cat /proc/sys/fs/xfs/xfssyncd_centisecs 2>/dev/null || echo 'no xfs module')"
            t=/sys/kernel/mm/transparent_hugepage
            echo "thp.defrag=$(cat $t/defrag)"
            echo "thp.max_ptes_none=$(cat $t/khugepaged/max_ptes_none)"
            echo "nvme.scheduler=$(cat /sys/block/nvme*n1/queue/scheduler | sort -u | tr '\\n' ' ' | sed 's/ *$//')"
            """;
    /** max_retries of the error classes drives prepare sets, on every NVMe drive's XFS: "12 0" for 4 drives. */
    private static final String MAX_RETRIES =
            "for c in EIO ENOSPC default; do cat /sys/fs/xfs/nvme*/error/metadata/$c/max_retries; done | sort | uniq -c";
    @TempDir
    static Path work;
    private static Path inventory;
    private static Path stateDir;
    private static final Map<String, String> ADDRESSES = new java.util.HashMap<>();
    /**
     * The settings as the freshly booted guest had them. Reading them loads no module: XFS is not loaded before the
     * first XFS mount, and a plan made before that must hold after it.
     */
    private static final Map<String, String> originals = new LinkedHashMap<>();

    @BeforeAll
    static void up() throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        CliRun.of("lab", "down", "--name", NAME);
        CliRun up = timed("lab up", () -> CliRun.of("lab", "up", "--name", NAME, "--kind", "vm", "--hosts", "2", "--drives", "4",
                "--lower-link", LOWERED + ":3"));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        JsonNode status = JSON.readTree(CliRun.of("lab", "status", "--name", NAME, "-o", "json").out());
        inventory = Path.of(status.get("inventory").asText());
        stateDir = Path.of(status.get("state_dir").asText());
        status.get("hosts").forEach(h -> ADDRESSES.put(h.get("name").asText(), h.get("address").asText()));
        assertThat(up.out()).contains("inventory:   " + inventory, "known_hosts: " + status.get("known_hosts").asText());
        assertThat(Files.readString(inventory)).contains("hardware_profile: lab-vm");
    }

    @AfterAll
    static void down() {
        CliRun.of("lab", "down", "--name", NAME);
    }

    @Test
    @Order(1)
    void factsShowTheDrivesTheirLinksAndTheNic() throws IOException {
        CliRun run = timed("facts", () -> CliRun.of("facts", "-i", inventory.toString(), "-o", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode hosts = JSON.readTree(run.out()).get("hosts");
        assertThat(hosts).hasSize(2);
        for (int i = 1; i <= 2; i++) {
            JsonNode facts = hosts.get(i - 1).get("facts");
            List<String> serials = facts.get("nvme").findValuesAsText("serial");
            assertThat(serials).containsExactlyInAnyOrder("VMITN" + i + "D1", "VMITN" + i + "D2", "VMITN" + i + "D3",
                    "VMITN" + i + "D4");
            for (JsonNode drive : facts.get("nvme")) {
                assertThat(drive.get("model").asText()).isEqualTo("QEMU NVMe Ctrl");
                assertThat(drive.get("firmware").asText()).isNotBlank();
                assertThat(drive.get("size_bytes").asLong()).isEqualTo(2L << 30);
                JsonNode link = pciDevice(facts, drive.get("pci_address").asText()).get("link");
                assertThat(link.get("speed_gts").asDouble()).isEqualTo(2.5);
                assertThat(link.get("width").asInt()).isEqualTo(1);
                assertThat(link.get("max_speed_gts").asDouble()).isEqualTo(2.5);
            }
            List<Long> speeds = new ArrayList<>();
            facts.get("nics").forEach(n -> speeds.add(n.path("speed_mbps").asLong()));
            assertThat(speeds).contains(200000L);
            List<Double> portCaps = new ArrayList<>();
            facts.get("pci").forEach(d -> {
                if (d.path("class_code").asText().startsWith("0604") && d.hasNonNull("link")) {
                    portCaps.add(d.get("link").get("max_speed_gts").asDouble());
                }
            });
            assertThat(portCaps).as("one root port per drive; only the lowered drive's port advertises 16 GT/s")
                    .hasSize(4).filteredOn(c -> c == 16.0).hasSize(i == 2 ? 1 : 0);
        }
    }

    @Test
    @Order(2)
    void verifyHardwarePassesExceptTheLoweredLink(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("capture");
        CliRun run = timed("verify-hardware", () -> CliRun.of("verify-hardware", "-i", inventory.toString(), "--save-capture",
                capture.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("profile lab-vm", "2 hosts: 1 pass, 0 warn, 1 fail");
        assertThat(run.out()).containsPattern(LOWERED + "\\s+FAIL");
        assertThat(run.out()).containsPattern(NODE + "\\s+PASS");
        CliRun json = CliRun.of("verify-hardware", "-i", inventory.toString(), "--limit", LOWERED, "-o", "json");
        String report = json.out();
        assertThat(report).contains("16 GT/s (Gen4) x4", "2.5 GT/s (Gen1) x1", "below its capability");
        List<String> failing = new ArrayList<>();
        JSON.readTree(report).get("hosts").get(0).get("findings").forEach(f -> {
            if ("FAIL".equals(f.get("severity").asText())) {
                failing.add(f.get("rule").asText());
            }
        });
        assertThat(failing).as("what the install accepts").containsExactly(LOWERED_LINK_RULE);
        try (var bundles = Files.list(capture)) {
            assertThat(bundles.map(p -> p.getFileName().toString()).toList()).contains(NODE, LOWERED);
        }
        assertThat(capture.resolve(LOWERED).resolve("lspci-vvv.txt")).exists();
    }

    /**
     * The whole install of the lab's two hosts. vmit-node2's lowered link fails the hardware check, which stops a
     * provision (rightly) unless the engineer accepts that rule knowingly: {@code --accept-finding}, as for a finding
     * judged harmless (here an emulated port that advertises more than its drive can use).
     */
    @Test
    @Order(3)
    void provisionOfTheWholeLabAcceptingTheLoweredLinkEndsHealthyWithTheTuningLiveInTheGuestsKernels() throws IOException {
        originals.putAll(settings(NODE));
        assertThat(originals).as("the guest starts untuned").doesNotContainEntry("vm.swappiness", "0")
                .doesNotContainEntry("thp.max_ptes_none", "0");

        // S3Proxy's JVM answers minutes after its start in an emulated guest: more than the default 5 min is kept.
        CliRun run = timed("provision", () -> CliRun.of("provision", "-i", inventory.toString(), "--accept-finding",
                LOWERED_LINK_RULE, "--yes", "--wipe-drives", "--timeout", "15m", "-o", "json"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(doc.get("accepted_findings")).extracting(JsonNode::asText).containsExactly(LOWERED_LINK_RULE);
        assertThat(doc.get("status").get("hosts")).hasSize(2)
                .allSatisfy(h -> assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue());
        // On a guest kernel the global settings a container cannot touch are applied, not "not applicable".
        assertThat(settings(NODE)).isEqualTo(TUNED);
        assertThat(ssh(NODE, MAX_RETRIES)).as("EIO, ENOSPC and default of 4 drives").isEqualTo("12 0");
        assertThat(openFileLimit(NODE)).isEqualTo("1048576");
        for (String host : HOSTS) {
            assertThat(mountedLabels(host)).as(host).hasSize(4);
            assertThat(ssh(host, "sysctl -n vm.swappiness")).as(host).isEqualTo("0");
        }
    }

    @Test
    @Order(4)
    void afterARebootOfEveryHostTheClusterIsHealthyByItselfWithItsDrivesMountedByLabelAndTuneHasNothingToDo() throws IOException {
        reboot(HOSTS);
        // A node starts after its drives' mounts (fstab orders them before its unit): once it answers, they are done.
        awaitLive();

        assertThat(ssh(NODE, "grep -cE '^LABEL=[^ ]+ /mnt/drive[0-9]+ xfs ' /etc/fstab")).as("fstab mounts the data drives by label")
                .isEqualTo("4");
        for (String host : HOSTS) {
            assertThat(mountedLabels(host)).as("every drive of " + host + " mounted again from fstab").hasSize(4);
            assertThat(ssh(host, "systemctl is-enabled minio")).as(host).isEqualTo("enabled");
        }
        assertThat(settings(NODE)).isEqualTo(TUNED);
        assertThat(ssh(NODE, MAX_RETRIES)).isEqualTo("12 0");
        assertThat(openFileLimit(NODE)).isEqualTo("1048576");
        CliRun status = timed("status --probe", () -> CliRun.of("status", "-i", inventory.toString(), "--probe", "-o", "json"));
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        JsonNode doc = JSON.readTree(status.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("hosts")).hasSize(2).allSatisfy(h -> {
            assertThat(h.get("service").asText()).isEqualTo("active");
            assertThat(h.get("drives_mounted").asInt()).isEqualTo(4);
            assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue();
        });

        CliRun dry = timed("tune --dry-run", () -> CliRun.of("tune", "-i", inventory.toString(), "--dry-run", "-o", "json"));
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(JSON.readTree(dry.out()).get("hosts")).as("tuning persisted across the reboot: " + dry.out()).hasSize(2)
                .allSatisfy(h -> {
                    assertThat(h.get("changed").asInt()).isZero();
                    assertThat(h.get("failed").asInt()).isZero();
                });
    }

    /** After the install: the other guest would only take emulated CPU from the last tests' host, so it goes down here. */
    @Test
    @Order(5)
    void aPowerCutStopsTheGuestAtOnceAndStatusSaysSo() throws IOException {
        CliRun stop = timed("lab stop --power-cut", () -> CliRun.of("lab", "stop", "--name", NAME, LOWERED, "--power-cut"));
        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();

        CliRun status = CliRun.of("lab", "status", "--name", NAME, "-o", "json");
        assertThat(status.exitCode()).isEqualTo(1);
        JsonNode hosts = JSON.readTree(status.out()).get("hosts");
        assertThat(hosts.get(1).get("state").asText()).isEqualTo("stopped");
        assertThat(hosts.get(0).get("state").asText()).isEqualTo("running");
        assertThat(qemuProcesses()).hasSize(1);
    }

    @Test
    @Order(6)
    void revertRestoresTheOriginalsAndAPulledDriveDoesNotStopTheRebootThatKeepsThem() throws IOException {
        CliRun revert = timed("tune --revert", () -> CliRun.of("tune", "-i", inventory.toString(), "--limit", NODE, "--revert"));
        assertThat(revert.exitCode()).as(revert.out() + revert.err()).isZero();
        assertThat(settings(NODE)).isEqualTo(reverted());

        // A drive that dies before the reboot: the boot must go on without it (nofail).
        CliRun unplug = timed("lab unplug", () -> CliRun.of("lab", "unplug", "--name", NAME, NODE, "3"));
        assertThat(unplug.exitCode()).as(unplug.out() + unplug.err()).isZero();
        assertThat(ssh(NODE, "cat /sys/class/nvme/*/serial")).as("the guest let go of the drive").doesNotContain("VMITN1D3")
                .contains("VMITN1D1");
        reboot(List.of(NODE));

        assertThat(settings(NODE)).as("the originals after a reboot").isEqualTo(reverted());
        assertThat(ssh(NODE, "ls /etc/sysctl.d /etc/modules-load.d /etc/udev/rules.d /etc/tmpfiles.d /etc/security/limits.d"))
                .doesNotContain("aistor");
        assertThat(awaitMounts(3)).as("every drive still there mounted again from fstab").hasSize(3);
        CliRun status = timed("status", () -> CliRun.of("status", "-i", inventory.toString()));
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out() + status.err()).as("the pulled drive named by serial and mount point, the stopped hosts named")
                .contains(NODE + ": 3 of 4 data drives mounted as XFS; missing: /mnt/drive3 (serial VMITN1D3)")
                .contains(LOWERED);
    }

    @Test
    @Order(7)
    void aCleanStopThenADownLeaveNothing() throws IOException {
        CliRun clean = timed("lab stop", () -> CliRun.of("lab", "stop", "--name", NAME, NODE));
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(qemuProcesses()).isEmpty();

        CliRun down = timed("lab down", () -> CliRun.of("lab", "down", "--name", NAME));

        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(qemuProcesses()).isEmpty();
        assertThat(stateDir).doesNotExist();
        try (var links = Files.list(Path.of("/sys/class/net"))) {
            assertThat(links.map(p -> p.getFileName().toString()).filter(n -> n.equals("lab-" + NAME)
                    || n.startsWith("lv-" + NAME + "-")).toList()).as("bridge and taps").isEmpty();
        }
    }

    /** Reboots the hosts together through the CLI; returns when every one answers SSH in a new boot. */
    private static void reboot(List<String> hosts) throws IOException {
        Map<String, String> before = new LinkedHashMap<>();
        for (String host : hosts) {
            before.put(host, bootId(host));
        }
        List<String> args = new ArrayList<>(List.of("lab", "reboot", "--name", NAME));
        args.addAll(hosts);
        CliRun run = timed("lab reboot of " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"),
                () -> CliRun.of(args.toArray(String[]::new)));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        for (String host : hosts) {
            assertThat(run.err() + run.out()).containsPattern(Pattern.quote(host) + " \\(\\S+\\) is up again after");
            assertThat(bootId(host)).as(host).isNotEqualTo(before.get(host));
        }
    }

    /**
     * Waits, bounded, until status finds every node live: S3Proxy's JVM starts at boot and answers minutes later under
     * emulation. Only reads; the nodes come up by themselves or not at all.
     */
    private static void awaitLive() throws IOException {
        long t0 = System.nanoTime();
        long deadline = t0 + java.time.Duration.ofMinutes(10).toNanos();
        CliRun status;
        do {
            status = CliRun.of("status", "-i", inventory.toString(), "-o", "json");
            if (status.exitCode() == 0) {
                System.err.printf("VmLabIT: every node answered %.1f s after the reboot returned (load %s)%n",
                        (System.nanoTime() - t0) / 1e9, load());
                return;
            }
            sleep(5_000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not live 10 min after the reboot: " + status.out() + status.err());
    }

    /**
     * Waits, bounded, until {@code count} data drives are mounted: SSH answers in the new boot before udev has
     * necessarily found every drive, and nothing else waits for a {@code nofail} mount while one drive is missing.
     */
    private static List<String> awaitMounts(int count) throws IOException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        List<String> labels = mountedLabels(NODE);
        while (labels.size() < count && System.nanoTime() < deadline) {
            sleep(2_000);
            labels = mountedLabels(NODE);
        }
        return labels;
    }

    /** The original settings; XFS's, if its module was not loaded yet, as the module has it when loaded: the kernel's default. */
    private static Map<String, String> reverted() {
        Map<String, String> out = new LinkedHashMap<>(originals);
        out.computeIfPresent("fs.xfs.xfssyncd_centisecs", (k, v) -> v.equals("no xfs module") ? "3000" : v);
        return out;
    }

    /** The watched settings of the host, as its kernel has them now. */
    private static Map<String, String> settings(String host) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        ssh(host, READ_SETTINGS).lines().forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return out;
    }

    /** The open file limit a login of the storage service's user gets, through PAM's limits. */
    private static String openFileLimit(String host) throws IOException {
        return ssh(host, "runuser -u minio-user -- sh -c 'ulimit -n'");
    }

    private static JsonNode pciDevice(JsonNode facts, String address) {
        for (JsonNode d : facts.get("pci")) {
            if (d.get("address").asText().endsWith(address.replaceFirst("^0000:", ""))) {
                return d;
            }
        }
        throw new AssertionError("no PCI device " + address + " in the facts");
    }

    private static String bootId(String host) throws IOException {
        return ssh(host, "cat /proc/sys/kernel/random/boot_id");
    }

    /** The labels of the XFS file systems mounted under /mnt on the host. */
    private static List<String> mountedLabels(String host) throws IOException {
        String out = ssh(host, "findmnt -rn -t xfs -o TARGET,LABEL | grep '^/mnt/' || true");
        return out.isEmpty() ? List.of() : out.lines().map(l -> l.split(" ")[1]).toList();
    }

    /** A command on the host as root, its output stripped; it must succeed. */
    private static String ssh(String host, String command) {
        return LabHosts.ssh(stateDir, ADDRESSES.get(host), command).strip();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Runs one step and prints its wall time, for the record of how long each takes on emulated hosts. */
    private static CliRun timed(String what, Supplier<CliRun> step) {
        long t0 = System.nanoTime();
        CliRun run = step.get();
        System.err.printf("VmLabIT: %s took %.1f s (load %s)%n", what, (System.nanoTime() - t0) / 1e9, load());
        Matcher m = Pattern.compile("(\\S+) \\(\\S+\\) is up again after (\\S+ s)").matcher(run.err() + run.out());
        while (m.find()) {
            System.err.println("VmLabIT:   " + m.group(1) + " up again after " + m.group(2));
        }
        return run;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> qemuProcesses() {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.startsWith("qemu-system") || c.contains("/qemu-system")).filter(c -> c.contains(stateDir + "/"))
                .toList();
    }
}
