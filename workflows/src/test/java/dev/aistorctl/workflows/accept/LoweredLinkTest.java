package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.hwcheck.accept.DriveGates;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow drive of a VM lab host whose third drive sits behind a lowered PCIe port ({@code lab up --kind vm --lower-link
 * HOST:3}), from that host's captured sysfs (fixtures/emulated/qemu-vm-lowered-link): QEMU's NVMe reports its own end
 * at what it trained (2.5 GT/s x1 of 2.5 GT/s x1), so only the port above it shows the lowered link. The probe's port
 * walk runs on a copy of the capture's PCI tree, and the failing drive's hint must name that port.
 */
class LoweredLinkTest {
    private static final Path BUNDLE = Path.of(System.getProperty("aistorctl.fixtures", "../fixtures"))
            .resolve("emulated/qemu-vm-lowered-link").toAbsolutePath();

    @Test
    void theSlowDriveBehindTheLoweredPortIsNamedWithThatPortsLink(@TempDir Path sys) throws Exception {
        Map<String, String[]> links = table("pci-links.txt", 0);
        Map<String, String[]> nvme = table("nvme-sysfs.txt", 0);
        List<DriveThroughput> drives = new ArrayList<>();
        for (String[] block : table("block-sysfs.txt", 0).values()) {
            if (!block[0].matches("nvme\\dn1")) {
                continue;
            }
            // /sys/devices/pci0000:00/0000:00:04.0/0000:03:00.0/nvme/nvme2/nvme2n1: the PCI function is the part before /nvme/.
            String function = block[7].substring(0, block[7].indexOf("/nvme/"));
            Path dir = tree(sys, function, links);
            String ports = run(DriveScripts.ports(dir.toString()));
            String[] controller = nvme.get(block[0].replace("n1", ""));
            String[] own = links.get(dir.getFileName().toString());
            int index = drives.size() + 1;
            String line = String.join("\t", "M", "/mnt/drive" + index, "ok", "1", "/dev/" + block[0], controller[3], controller[4], "",
                    controller[5], own[2] + " x" + own[3], own[4] + " x" + own[5], ports);
            double figure = index == 3 ? 5 : 100 + index;
            drives.add(DriveBench.drive("vmt-node2", DriveBench.Probe.parse(line).mounts().get("/mnt/drive" + index), figure, figure));
        }
        assertThat(drives).hasSize(4);
        assertThat(drives.get(2).linkNow()).as("the drive's own end").isEqualTo(drives.get(2).linkMax());
        assertThat(drives.get(2).upstream()).containsExactly(
                new DriveThroughput.PortLink("0000:00:04.0", "2.5 GT/s PCIe x1", "16.0 GT/s PCIe x4"));

        List<Finding> failed = DriveGates.judge(HardwareProfiles.builtIn("lab-vm"), drives).get("vmt-node2").stream()
                .filter(Finding::failed).toList();

        assertThat(failed).isNotEmpty().allSatisfy(f -> {
            assertThat(f.device()).isEqualTo("/mnt/drive3 (/dev/nvme2n1, serial VMTN2D3)");
            assertThat(f.hint()).startsWith("the PCIe port it sits behind, 0000:00:04.0, runs at 2.5 GT/s PCIe x1 of its "
                    + "16.0 GT/s PCIe x4 (lspci -vv -s 0000:00:04.0: LnkSta below LnkCap)");
        });
    }

    /** The capture's tab-separated rows by their key column. */
    private static Map<String, String[]> table(String file, int key) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String row : Files.readAllLines(BUNDLE.resolve(file))) {
            if (!row.isBlank()) {
                String[] f = row.split("\t", -1);
                out.put(f[key], f);
            }
        }
        return out;
    }

    /** The function's directory and every port above it under {@code sys}, each with the link files the capture gives. */
    private static Path tree(Path sys, String function, Map<String, String[]> links) throws IOException {
        Path dir = sys;
        for (String part : function.replaceFirst("^/sys/", "").split("/")) {
            dir = Files.createDirectories(dir.resolve(part));
            String[] l = links.get(part);
            if (l != null && !l[2].equals("-")) {
                Files.writeString(dir.resolve("current_link_speed"), l[2] + "\n");
                Files.writeString(dir.resolve("current_link_width"), l[3] + "\n");
                Files.writeString(dir.resolve("max_link_speed"), l[4] + "\n");
                Files.writeString(dir.resolve("max_link_width"), l[5] + "\n");
            }
        }
        return dir;
    }

    private static String run(Command c) throws Exception {
        Process p = new ProcessBuilder(c.argv()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out + err).isZero();
        return out;
    }
}
