package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * VM lab hosts through the CLI: QEMU guests with their own kernel, emulated NVMe drives behind
 * PCIe root ports (one link lowered), a 200 Gb/s NIC. What facts and verify-hardware see on them,
 * drives and tuning that survive a clean reboot (and a pulled drive that does not stop it), a power cut, and a down that leaves nothing behind.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmLabIT {
    private static final String NAME = "vmit";
    private static final String LOWERED = NAME + "-node2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path inventory;
    private static Path stateDir;
    private static final java.util.Map<String, String> ADDRESSES = new java.util.HashMap<>();

    @BeforeAll
    static void up() throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        CliRun.of("lab", "down", "--name", NAME);
        CliRun up = CliRun.of("lab", "up", "--name", NAME, "--kind", "vm", "--hosts", "3", "--drives", "4",
                "--lower-link", LOWERED + ":3");
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
        CliRun run = CliRun.of("facts", "-i", inventory.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode hosts = JSON.readTree(run.out()).get("hosts");
        assertThat(hosts).hasSize(3);
        for (int i = 1; i <= 3; i++) {
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
        CliRun run = CliRun.of("verify-hardware", "-i", inventory.toString(), "--save-capture", capture.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("profile lab-vm", "3 hosts: 2 pass, 0 warn, 1 fail");
        assertThat(run.out()).containsPattern(LOWERED + "\\s+FAIL");
        assertThat(run.out()).containsPattern(NAME + "-node1\\s+PASS").containsPattern(NAME + "-node3\\s+PASS");
        CliRun json = CliRun.of("verify-hardware", "-i", inventory.toString(), "--limit", LOWERED, "-o", "json");
        String report = json.out();
        assertThat(report).contains("16 GT/s (Gen4) x4", "2.5 GT/s (Gen1) x1", "below its capability");
        try (var bundles = Files.list(capture)) {
            assertThat(bundles.map(p -> p.getFileName().toString()).toList()).contains(NAME + "-node1", LOWERED);
        }
        assertThat(capture.resolve(LOWERED).resolve("lspci-vvv.txt")).exists();
    }

    @Test
    @Order(3)
    void drivesAndTuningGoOnTheHostThatWillBeRebooted() throws IOException {
        String host = NAME + "-node1";
        CliRun drives = CliRun.of("drives", "prepare", "-i", inventory.toString(), "--limit", host, "--wipe-drives");
        assertThat(drives.exitCode()).as(drives.out() + drives.err()).isZero();
        assertThat(mountedLabels(host)).hasSize(4);

        CliRun tune = CliRun.of("tune", "-i", inventory.toString(), "--limit", host, "-o", "json");
        assertThat(tune.exitCode()).as(tune.out() + tune.err()).isZero();
        // On a guest kernel the global settings a container cannot touch are applied, not "not applicable".
        List<String> subjects = JSON.readTree(tune.out()).findValuesAsText("subject");
        assertThat(subjects).anyMatch(s -> s.startsWith("/proc/sys/vm/")).anyMatch(s -> s.startsWith("/proc/sys/net/core/"))
                .contains("/sys/kernel/mm/transparent_hugepage/enabled");

        // A drive that dies before the reboot: the boot must go on without it (nofail).
        CliRun unplug = CliRun.of("lab", "unplug", "--name", NAME, host, "3");
        assertThat(unplug.exitCode()).as(unplug.out() + unplug.err()).isZero();
    }

    @Test
    @Order(4)
    void aRebootedHostAnswersSshAgainInANewBoot() throws IOException {
        String host = NAME + "-node1";
        String before = bootId(host);

        CliRun reboot = CliRun.of("lab", "reboot", "--name", NAME, host);

        assertThat(reboot.exitCode()).as(reboot.out() + reboot.err()).isZero();
        assertThat(reboot.err() + reboot.out()).contains(host + " (").contains("is up again after");
        assertThat(bootId(host)).isNotEqualTo(before);
    }

    @Test
    @Order(5)
    void afterTheRebootTheDrivesAreMountedByLabelAndTheTuningHolds() throws IOException {
        String host = NAME + "-node1";
        assertThat(mountedLabels(host)).as("every drive still there mounted again from fstab").hasSize(3);
        CliRun status = CliRun.of("status", "-i", inventory.toString(), "--limit", host);
        assertThat(status.out() + status.err()).as("the pulled drive named by serial and mount point")
                .contains("VMITN1D3").contains("/mnt/drive3");

        CliRun again = CliRun.of("tune", "-i", inventory.toString(), "--limit", host, "--dry-run", "-o", "json");

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        JsonNode hostRun = JSON.readTree(again.out()).get("hosts").get(0);
        assertThat(hostRun.get("changed").asInt()).as("tuning persisted across the reboot: " + again.out()).isZero();
        assertThat(hostRun.get("failed").asInt()).isZero();
    }

    @Test
    @Order(6)
    void aPowerCutStopsTheGuestAtOnceAndStatusSaysSo() throws IOException {
        String host = NAME + "-node3";
        CliRun stop = CliRun.of("lab", "stop", "--name", NAME, host, "--power-cut");
        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();

        CliRun status = CliRun.of("lab", "status", "--name", NAME, "-o", "json");
        assertThat(status.exitCode()).isEqualTo(1);
        JsonNode hosts = JSON.readTree(status.out()).get("hosts");
        assertThat(hosts.get(2).get("state").asText()).isEqualTo("stopped");
        assertThat(hosts.get(0).get("state").asText()).isEqualTo("running");
        assertThat(qemuProcesses()).hasSize(2);
    }

    @Test
    @Order(7)
    void downLeavesNothing() throws IOException {
        CliRun down = CliRun.of("lab", "down", "--name", NAME);

        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(qemuProcesses()).isEmpty();
        assertThat(stateDir).doesNotExist();
        try (var links = Files.list(Path.of("/sys/class/net"))) {
            assertThat(links.map(p -> p.getFileName().toString()).filter(n -> n.equals("lab-" + NAME)
                    || n.startsWith("lv-" + NAME + "-")).toList()).as("bridge and taps").isEmpty();
        }
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

    /** A command on the host over plain ssh with the lab's key and known_hosts (strict host key checking). */
    private static String ssh(String host, String command) throws IOException {
        try {
            Process p = new ProcessBuilder("ssh", "-i", stateDir.resolve("id_ed25519").toString(), "-o",
                    "UserKnownHostsFile=" + stateDir.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes", "-o",
                    "BatchMode=yes", "-o", "ConnectTimeout=10", "root@" + ADDRESSES.get(host), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor()).as(out).isZero();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static List<String> qemuProcesses() {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.startsWith("qemu-system") || c.contains("/qemu-system")).filter(c -> c.contains(stateDir + "/"))
                .toList();
    }
}
