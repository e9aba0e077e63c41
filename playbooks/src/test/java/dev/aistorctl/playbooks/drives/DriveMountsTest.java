package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ScriptedConnector;
import dev.aistorctl.playbooks.ScriptedContext;
import dev.aistorctl.playbooks.StepPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveMountsTest {
    private static final InventoryHost HOST = LabCaptures.inventory(2).hosts().get(0);

    @Test
    void drivesAboutToBeFormattedArePlannedIntoFstabAndMountedAsRoot() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        StepPlan plan = DriveMounts.plan("node1", LabCaptures.CLUSTER,
                DriveMounts.state(HOST, LabCaptures.CLUSTER, blank, Set.of()));
        assertThat(plan.changes()).noneMatch(Change::destructive);
        assertThat(plan.changes()).extracting(Change::what).containsExactly("/etc/fstab data drive lines",
                "mount point /mnt/drive1", "mount /mnt/drive1", "owner of /mnt/drive1",
                "mount point /mnt/drive2", "mount /mnt/drive2", "owner of /mnt/drive2");
        assertThat(plan.changes().get(3).after()).as("no minio-user yet").isEqualTo("root:root");
        // What fstab will hold, against the host's copy: its own lines kept as context, ours added.
        String fstab = blank.text("fstab.txt").orElseThrow();
        String diff = plan.changes().get(0).diff();
        assertThat(diff).startsWith("--- /etc/fstab\n+++ /etc/fstab\n@@ ")
                .contains("\n+LABEL=" + DriveMounts.entries(DriveMounts.state(HOST, LabCaptures.CLUSTER, blank, Set.of()).layout()).get(1).label().text()
                        + " /mnt/drive2 xfs " + FstabFile.OPTIONS + " 0 2\n");
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count()).isEqualTo(4);
        assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count()).isZero();
        assertThat(fstab.lines().toList()).isNotEmpty();
    }

    @Test
    void aMountedDriveWhoseMarkerNamesAnotherSerialIsRefused() {
        // lab-formatted: drfix's drive 2 is loop42; mount it at /mnt/drive2 with a marker of another drive
        CaptureBundle b = LabCaptures.recorded("lab-formatted");
        String mounts = b.text("mounts.txt").orElseThrow() + "19000 3311 7:42 / /mnt/drive2 rw,noatime shared:1 - xfs /dev/loop42 rw\n";
        b = LabCaptures.with(b, "mounts.txt", mounts);
        b = LabCaptures.with(b, "mount-dir-2.txt", "1\t1\troot\troot\t755\n");
        b = LabCaptures.with(b, "marker-2.json", """
                {"format": "aistorctl-drive/1", "cluster": "drfix", "index": 2, "label": "3c9ad769d02", "serial": "S-OTHER"}
                """);
        CaptureBundle state = b;
        assertThatThrownBy(() -> DriveMounts.plan("node1", LabCaptures.CLUSTER,
                DriveMounts.state(HOST, LabCaptures.CLUSTER, state, Set.of("/dev/loop40"))))
                .hasMessageContaining("its marker in /mnt/drive2 names cluster drfix drive 2 serial S-OTHER")
                .hasMessageContaining("left for a person");
    }

    @Test
    void xfsRetriesUnitWaitsForEveryDataDriveMount() {
        assertThat(XfsErrorRetries.mountUnit("/mnt/drive1")).isEqualTo("mnt-drive1.mount");
        assertThat(XfsErrorRetries.mountUnit("/srv/data disk/x-1")).isEqualTo("srv-data\\x20disk-x\\x2d1.mount");
        assertThat(XfsErrorRetries.unit(List.of("/mnt/drive1", "/mnt/drive2")))
                .contains("After=local-fs.target mnt-drive1.mount mnt-drive2.mount")
                .contains("ExecStart=" + XfsErrorRetries.SCRIPT_PATH);
    }

    @Test
    void theProbeLoadsXfsBeforeLookingForItsSettingsSoAPlanMadeBeforeTheFirstXfsMountHoldsAfterIt() {
        String probe = DriveProbe.script();
        String retries = probe.substring(probe.indexOf("xfs_retries() {"));

        assertThat(retries).contains("modprobe -q xfs");
        assertThat(retries.indexOf("modprobe -q xfs")).isLessThan(retries.indexOf("|| return 2"));
    }

    @Test
    void xfsRetriesArePlannedForEveryMountedDataDriveClass() {
        CaptureBundle b = LabCaptures.recorded("lab-formatted");
        b = LabCaptures.with(b, "xfs-retries.txt", "loop41\tEIO\t-1\t1\nloop41\tENOSPC\t0\t1\nloop41\tdefault\t-1\t1\n");
        // /mnt/old is not a data drive mount point: nothing planned for loop41 there
        InventoryHost host = LabCaptures.inventory(2).hosts().get(0);
        StepPlan plan = new XfsErrorRetries(0).plan(host, b);
        assertThat(plan.changes()).extracting(Change::what).containsExactly(XfsErrorRetries.SCRIPT_PATH,
                XfsErrorRetries.UNIT_PATH, XfsErrorRetries.UNIT + " enabled");

        String mounts = b.text("mounts.txt").orElseThrow().replace(" /mnt/old ", " /mnt/drive1 ");
        plan = new XfsErrorRetries(0).plan(host, LabCaptures.with(b, "mounts.txt", mounts));
        assertThat(plan.changes()).extracting(Change::what).contains(
                "/sys/fs/xfs/loop41/error/metadata/EIO/max_retries (/mnt/drive1)",
                "/sys/fs/xfs/loop41/error/metadata/default/max_retries (/mnt/drive1)")
                .doesNotContain("/sys/fs/xfs/loop41/error/metadata/ENOSPC/max_retries (/mnt/drive1)");
    }

    @Test
    void aMountPointThatHoldsFilesIsRefusedInThePlanNamingIt() {
        // lab-formatted: /mnt/drive1 exists, nothing mounted there, and the probe saw files in it
        CaptureBundle b = LabCaptures.with(LabCaptures.recorded("lab-formatted"), "mount-dir-1.txt", "1\t0\troot\troot\t755\t0\n");

        assertThatThrownBy(() -> DriveMounts.plan("node1", LabCaptures.CLUSTER,
                DriveMounts.state(HOST, LabCaptures.CLUSTER, b, Set.of("/dev/loop40"))))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("node1")
                .hasMessageContaining("/mnt/drive1 is not empty")
                .hasMessageContaining("would hide its files");
    }

    @Test
    void anEmptyMountPointIsPlannedAsBefore() {
        CaptureBundle b = LabCaptures.with(LabCaptures.recorded("lab-blank"), "mount-dir-1.txt", "1\t0\troot\troot\t755\t1\n");

        StepPlan plan = DriveMounts.plan("node1", LabCaptures.CLUSTER, DriveMounts.state(HOST, LabCaptures.CLUSTER, b, Set.of()));

        assertThat(plan.changes()).extracting(Change::what).contains("mount /mnt/drive1").doesNotContain("mount point /mnt/drive1");
    }

    /** Files put in a mount point between the plan and the apply: the mount script refuses, the step fails naming the path. */
    @Test
    void theMountScriptsNotEmptyExitFailsTheHostNamingThePath() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        ScriptedConnector host = LabCaptures.host(blank)
                .answerProgram("aistorctl-fstab", c -> ScriptedConnector.result(0, ""))
                .answerProgram("aistorctl-mount", c -> ScriptedConnector.result(DriveMounts.NOT_EMPTY, new byte[0],
                        "/mnt/drive2 is not empty; refusing to mount a drive over its files (nothing mounted)\n"));
        DriveMounts step = new DriveMounts(Set.of());
        StepPlan plan = step.plan(new ScriptedContext(LabCaptures.inventory(2), host));

        assertThatThrownBy(() -> step.apply(new ScriptedContext(LabCaptures.inventory(2), host), plan))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("node1")
                .hasMessageContaining("mount data drives")
                .hasMessageContaining("exit 16")
                .hasMessageContaining("/mnt/drive2 is not empty");
        assertThat(host.programs()).last().isEqualTo("aistorctl-mount");
        assertThat(host.programs()).filteredOn("aistorctl-mount"::equals).hasSize(1);
    }

    /** The script itself, run here with stand-in mountpoint and mount: a later mount point with files stops it before the first mount. */
    @Test
    void theMountScriptChecksEveryMountPointBeforeMountingAny(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("log");
        tool(bin, "mountpoint", "exit 1");
        tool(bin, "mount", "echo \"mount $*\" >>" + log);
        Path empty = Files.createDirectories(dir.resolve("drive1"));
        Path full = Files.createDirectories(dir.resolve("drive2"));
        Files.writeString(full.resolve("data.bin"), "written before the drive was mounted");

        List<String> argv = new ArrayList<>(List.of("sh", "-c", DriveMounts.MOUNT, "aistorctl-mount", "root:root",
                empty.toString(), "c1d01", "{}", full.toString(), "c1d02", "{}"));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(err).isEqualTo(DriveMounts.NOT_EMPTY);
        assertThat(err).contains(full + " is not empty").contains("nothing mounted");
        assertThat(log).doesNotExist();
        assertThat(full.resolve("data.bin")).exists();
    }

    private static void tool(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
