package dev.aistorctl.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.playbooks.drives.DriveMounts;
import dev.aistorctl.playbooks.drives.FstabFile;
import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.inventory.InventoryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a first provision of the reference rack, 8 hosts x 8 drives, as a person reviews it. */
class ProvisionPlanTextTest {
    private static final int HOSTS = 8;
    private static final int DRIVES = 8;
    private static final List<String> SYSCTLS = List.of("net.core.somaxconn: 4096 -> 65535", "net.ipv4.tcp_rmem: 4096 131072 6291456 -> 4096 87380 16777216",
            "net.ipv4.tcp_wmem: 4096 16384 4194304 -> 4096 65536 16777216", "vm.swappiness: 60 -> 1", "vm.dirty_ratio: 20 -> 10",
            "vm.dirty_background_ratio: 10 -> 5", "net.core.netdev_max_backlog: 1000 -> 250000");

    @Test
    void identicalChangesOnEveryHostArePrintedOnceWithTheHostsAsARange() {
        String text = plan().text(false);
        assertThat(text.lines()).contains("node{01...08}: tune: sysctl net.core.somaxconn: 4096 -> 65535",
                "node{01...08}: drives: mount point /mnt/drive{1...8}: (absent) -> directory",
                "node{01...08}: drives: owner of /mnt/drive{1...8}: (not mounted) -> minio-user",
                "node{01...08}: node-install: planned once the drives are mounted (it needs their mount points)");
        // Mounting a drive that is formatted is what its row in the table says.
        assertThat(text).doesNotContain("drives: mount /mnt/");
        assertThat(text).doesNotContain("node01: tune:");
    }

    @Test
    void theDrivesToFormatAreATableWithARowPerHostForItsAlikeDrivesAndEverySerial() {
        List<String> lines = plan().text(false).lines().toList();
        assertThat(lines.get(0)).matches("HOST +DEVICE +MODEL +SIZE +NOW +ACTION +MOUNT +LABEL +SERIAL");
        assertThat(lines).anyMatch(l -> l.matches("node02 +/dev/loop\\{8\\.\\.\\.15\\} +Micron_7500_MTFDKCC15T3TGP +14\\.0 TiB +blank"
                + " +format +/mnt/drive\\{1\\.\\.\\.8\\} +ceo-d\\{1\\.\\.\\.8\\} +SN0208, SN0209, .*"));
        assertThat(lines.stream().filter(l -> l.contains("Micron_7500")).count()).isEqualTo(HOSTS);
        String text = String.join("\n", lines);
        for (int h = 1; h <= HOSTS; h++) {
            String host = String.format("node%02d ", h);
            assertThat(lines.stream().filter(l -> l.startsWith(host)).count()).as(host).isEqualTo(1);
            for (int d = 1; d <= DRIVES; d++) {
                assertThat(text).contains(String.format("SN%02d%02d", h, (h - 1) * DRIVES + d - 1));
            }
        }
    }

    @Test
    void verboseKeepsALinePerDriveToFormat() {
        List<String> lines = plan().text(true).lines().toList();
        for (int h = 1; h <= HOSTS; h++) {
            for (int d = 1; d <= DRIVES; d++) {
                String serial = String.format("SN%02d%02d", h, (h - 1) * DRIVES + d - 1);
                assertThat(lines.stream().filter(l -> l.startsWith("    DESTRUCTIVE ") && l.contains("serial " + serial + ",")).count())
                        .as(serial).isEqualTo(1);
            }
        }
    }

    @Test
    void theWholePlanOfEightHostsByEightDrivesFitsAScreenfulAndKeepsItsTotals() {
        String text = plan().text(false);
        // A header and a row per host (its serials wrapped), the other changes grouped, the fstab diff once with its
        // serials per host, the sysctl.d file's diff folded to its size, the totals.
        assertThat(text.lines().count()).isLessThanOrEqualTo(44);
        assertThat(text.lines().toList().get((int) text.lines().count() - 1))
                .isEqualTo("Plan: 64 drives to format (DESTRUCTIVE), " + (HOSTS * (1 + 3 * DRIVES + 3 + SYSCTLS.size() + 1))
                        + " other changes, on 8 of 8 hosts.");
    }

    @Test
    void aFileThatDiffersOnlyInEachHostsSerialsIsOneDiffWithTheSerialsPerHostAndItsRepeatedLinesFolded() {
        List<String> lines = plan().text(false).lines().toList();
        int at = lines.indexOf("node{01...08}: drives: /etc/fstab data drive lines: (absent) -> " + DRIVES + " lines by label");
        assertThat(at).as(String.join("\n", lines)).isNotNegative();
        assertThat(lines.subList(at + 1, at + 10)).containsExactly(
                "    --- /etc/fstab",
                "    +++ /etc/fstab",
                "    @@ -2,3 +2,19 @@",
                "     UUID=3b1f0c2e-5d6a-4e8f-9a7b-1c2d3e4f5a6b / ext4 errors=remount-ro 0 1",
                "     UUID=7A1B-2C3D /boot/efi vfat umask=0077 0 1",
                "     /swap.img none swap sw 0 0",
                "    +# aistorctl data drive {1...8} of cluster ceo, serial <per host> (written by aistorctl drives prepare)",
                "    +LABEL=" + DriveLabel.clusterTag("ceo") + "d{01...08} /mnt/drive{1...8} xfs " + FstabFile.OPTIONS + " 0 2",
                "node{01...08}: drives: mount point /mnt/drive{1...8}: (absent) -> directory");
        assertThat(String.join("\n", lines)).doesNotContain(serial(3, 5));
    }

    @Test
    void aFileIdenticalOnEveryHostIsFoldedToItsSizeAndShownInFullWithVerbose() {
        List<String> lines = plan().text(false).lines().toList();
        int at = lines.indexOf("node{01...08}: tune: " + SYSCTL_FILE + ": (absent) -> " + SYSCTLS.size() + " setting lines");
        assertThat(at).as(String.join("\n", lines)).isNotNegative();
        assertThat(lines.get(at + 1)).isEqualTo("    diff: +" + (SYSCTLS.size() + 1) + " -0 lines, the same on these 8 hosts; -v shows it");
        assertThat(lines).noneMatch(l -> l.contains("+++ " + SYSCTL_FILE));

        List<String> verbose = plan().text(true).lines().toList();
        List<String> diff = new ArrayList<>(List.of("--- /dev/null", "+++ " + SYSCTL_FILE, "@@ -0,0 +1," + (SYSCTLS.size() + 1) + " @@"));
        sysctlFile().lines().forEach(l -> diff.add("+" + l));
        int header = verbose.indexOf(verbose.stream().filter(l -> l.endsWith("+++ " + SYSCTL_FILE)).findFirst().orElseThrow());
        assertThat(verbose.subList(header - 1, header - 1 + diff.size()).stream().map(String::strip).toList())
                .containsExactlyElementsOf(diff);
    }

    @Test
    void verboseShowsEveryHostsOwnDiff() {
        String text = plan().text(true);
        for (int h = 1; h <= HOSTS; h++) {
            for (int d = 1; d <= DRIVES; d++) {
                assertThat(text).contains("+# aistorctl data drive " + d + " of cluster ceo, serial " + serial(h, d) + " (written");
            }
        }
        assertThat(text.lines().filter(l -> l.contains("+++ " + SYSCTL_FILE)).count()).isEqualTo(HOSTS);
    }

    @Test
    void verbosePrintsEveryChangeOfEveryHost() {
        String text = plan().text(true);
        for (int h = 1; h <= HOSTS; h++) {
            assertThat(text).contains(String.format("node%02d: tune: sysctl net.core.somaxconn: 4096 -> 65535", h).replace(": tune", ":\n    tune")
                    .substring(String.format("node%02d:", h).length() + 1));
            assertThat(text).contains(String.format("node%02d: 8 drives to format, %d other changes", h, 1 + 3 * DRIVES + 3 + SYSCTLS.size() + 1));
        }
        assertThat(text).contains("    drives: mount /mnt/drive8: not mounted -> LABEL=ceo-d8 (/dev/loop63)");
        assertThat(text.lines().count()).isGreaterThan(HOSTS * (DRIVES * 4L));
    }

    /**
     * A first provision of MinIO: the node is planned only once the drives are mounted, but what it will be started with
     * is known from the inventory, so the plan says it now, once for the hosts; the lab's flavour has no such line.
     */
    @Test
    void aFirstProvisionOfMinioSaysWhatTheClusterWillBeStartedWithBeforeTheNodeCanBePlanned(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("inventory.yaml"), """
                version: 1
                cluster: {name: ceo}
                ssh: {user: root}
                node:
                  flavour: minio
                  binary: {path: minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}
                  root_user: admin
                  root_password: {env: AISTOR_ROOT_PASSWORD}
                pools:
                  - name: pool1
                    hosts: node{01...08}
                    drives: {count: 8, mount: "/mnt/drive{1...8}"}
                """);
        ProvisionPlan lab = plan();
        ProvisionPlan minio = new ProvisionPlan(new DrivesReport("ceo", "ceo", List.of()), lab.drives(), lab.tune(), lab.node(),
                InventoryLoader.load(file));

        List<String> lines = minio.text(false).lines().toList();
        int at = lines.indexOf("node{01...08}: node-install: planned once the drives are mounted (it needs their mount points)");
        assertThat(at).as(String.join("\n", lines)).isNotNegative();
        assertThat(lines.subList(at + 1, at + 3)).containsExactly(
                "node{01...08}: node-install: /etc/default/minio will hold MINIO_VOLUMES=\"http://node{01...08}:9000/mnt/drive{1...8}/minio\"",
                "node{01...08}: node-install: /etc/default/minio will hold MINIO_OPTS=\"--address :9000 --console-address :9001\"");
        assertThat(lines).hasSize((int) lab.text(false).lines().count() + 2);
        assertThat(minio.text(true)).contains("node05: 8 drives to format").contains("    node-install: /etc/default/minio will hold MINIO_VOLUMES=");
        assertThat(lab.text(true)).doesNotContain("will hold");
    }

    @Test
    void anEligibleDriveLeftOverIsAWarnLineWhetherTheHostChangesOrNot() {
        String leftOver = "eligible drive /dev/sdd (serial ZX91, model HGST, 1.8 TiB) is beyond drives.count 2: left untouched";
        StepResult converged = new StepResult(1, "xfs drives", XfsDrives.TYPE, StepStatus.OK,
                StepPlan.nothingToDo(XfsDrives.TYPE, "node01", "all 2 data drives are this cluster's XFS drives already")
                        .withWarnings(List.of(leftOver)), null, null, Duration.ZERO);
        StepResult formats = new StepResult(1, "xfs drives", XfsDrives.TYPE, StepStatus.CHANGED,
                StepPlan.changes(XfsDrives.TYPE, "node02", List.of(Change.of("mount point /mnt/drive1", null, "directory")))
                        .withWarnings(List.of(leftOver.replace("sdd", "sde"))), null, null, Duration.ZERO);
        ProvisionPlan plan = new ProvisionPlan(new DrivesReport("ceo", "ceo", List.of()),
                run("drives", List.of(host("node01", converged), host("node02", formats))), run("tune", List.of()), List.of());

        assertThat(plan.text(false).lines()).contains("node01: drives: WARN " + leftOver,
                "node02: drives: WARN " + leftOver.replace("sdd", "sde"));
        assertThat(plan.text(true)).contains("node01: no change\n    drives: WARN " + leftOver);
        assertThat(plan.driveWarnings()).containsExactly("node01: " + leftOver, "node02: " + leftOver.replace("sdd", "sde"));
        assertThat(plan.changes()).as("a warning is no change").isEqualTo(1);
    }

    @Test
    void aPlanCutByCtrlCSaysSoAndIsNoFailureOfTheHost() {
        HostResult failed = new HostResult("node01", List.of(), "interrupted (SIGINT)", Duration.ZERO);
        RunResult cut = new RunResult("r-tune", "tune", true, Instant.EPOCH, Duration.ofSeconds(2), List.of(failed), null,
                new RunResult.Interrupted("SIGINT", false, List.of(new RunResult.Cut("node01", null, null, RunResult.Cut.NOT_STARTED))));
        RunResult broken = run("tune", List.of(new HostResult("node01", List.of(), "sysctl: permission denied", Duration.ZERO)));
        ProvisionPlan interrupted = new ProvisionPlan(new DrivesReport("ceo", "ceo", List.of()), run("drives", List.of(host("node01"))), cut, List.of());
        ProvisionPlan failedPlan = new ProvisionPlan(new DrivesReport("ceo", "ceo", List.of()), run("drives", List.of(host("node01"))), broken, List.of());

        assertThat(interrupted.text(true)).contains("tune: planning interrupted (SIGINT)").doesNotContain("FAILED")
                .doesNotContain("already provisioned").contains("Planning did not finish on 1 of 1 hosts");
        assertThat(failedPlan.text(true)).contains("tune: PLANNING FAILED: sysctl: permission denied");
    }

    static ProvisionPlan plan() {
        List<HostResult> drives = new ArrayList<>();
        List<HostResult> tune = new ArrayList<>();
        List<HostResult> install = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            String host = String.format("node%02d", h);
            List<Change> formats = new ArrayList<>();
            List<Change> mounts = new ArrayList<>();
            List<String> fstab = new ArrayList<>();
            for (int d = 1; d <= DRIVES; d++) {
                String device = "/dev/loop" + ((h - 1) * DRIVES + d - 1);
                String serial = String.format("SN%02d%02d", h, (h - 1) * DRIVES + d - 1);
                String mp = "/mnt/drive" + d;
                ChangeKey key = ChangeKey.of(XfsDrives.KEY_KIND, device).with("serial", serial).with("wwn", null)
                        .with("fingerprint", "f" + h + d).with(XfsDrives.ACTION, "format").with(XfsDrives.STATE, "blank")
                        .with(XfsDrives.MODEL, "Micron_7500_MTFDKCC15T3TGP").with(XfsDrives.SIZE, "14.0 TiB")
                        .with(XfsDrives.MOUNT, mp).with(XfsDrives.LABEL, "ceo-d" + d);
                formats.add(Change.destructive(key, "format " + device + " as drive " + d + " (" + mp + ")",
                        "blank; serial " + serial + ", model Micron_7500_MTFDKCC15T3TGP, 14.0 TiB", "XFS labelled ceo-d" + d));
                fstab.add("LABEL=ceo-d" + d + " " + mp + " xfs defaults,noatime 0 2");
                mounts.add(Change.of(ChangeKey.of("mount point", mp), "mount point " + mp, null, "directory"));
                mounts.add(Change.of(ChangeKey.of(DriveMounts.MOUNT_KEY_KIND, mp).with("label", "ceo-d" + d).with("device", device), "mount " + mp, "not mounted", "LABEL=ceo-d" + d + " (" + device + ")"));
                mounts.add(Change.of(ChangeKey.of("owner", mp), "owner of " + mp, "(not mounted)", "minio-user"));
            }
            mounts.add(0, Change.of(ChangeKey.of("fstab", "/etc/fstab"), "/etc/fstab data drive lines", null, DRIVES + " lines by label")
                    .withDiff(UnifiedDiff.of("/etc/fstab", SYSTEM_FSTAB, FstabFile.merge(SYSTEM_FSTAB, "ceo", entries(h)))));
            List<Change> retries = List.of(Change.of("/usr/local/sbin/xfs-error-retries", null, "sets max_retries at boot"),
                    Change.of("/etc/systemd/system/xfs-error-retries.service", null, "oneshot after the drives' mounts"),
                    Change.of("xfs-error-retries.service enabled", null, "enabled"));
            drives.add(host(host, step(1, "xfs drives", host, formats), step(2, "mounts", host, mounts), step(3, "xfs error retries", host, retries)));
            List<Change> sysctls = SYSCTLS.stream().map(s -> Change.of("sysctl " + s.substring(0, s.indexOf(':')),
                    s.substring(s.indexOf(": ") + 2, s.indexOf(" -> ")), s.substring(s.indexOf(" -> ") + 4))).toList();
            List<Change> tuneChanges = new ArrayList<>(sysctls);
            tuneChanges.add(Change.of(ChangeKey.of("file", SYSCTL_FILE), SYSCTL_FILE, null, SYSCTLS.size() + " setting lines")
                    .withDiff(UnifiedDiff.of(SYSCTL_FILE, null, sysctlFile())));
            tune.add(host(host, step(1, "kernel parameters", host, tuneChanges)));
            install.add(new HostResult(host, List.of(new StepResult(1, "data directories", "data-directories", StepStatus.FAILED, null, null,
                    host + ": /mnt/drive1 is not mounted", Duration.ZERO)), "step 1 failed", Duration.ZERO));
        }
        return new ProvisionPlan(new DrivesReport("ceo", "ceo", List.of()), run("drives", drives), run("tune", tune),
                List.of(run("node-install", install)));
    }

    static final String SYSTEM_FSTAB = "# /etc/fstab: static file system information.\nUUID=3b1f0c2e-5d6a-4e8f-9a7b-1c2d3e4f5a6b / ext4 errors=remount-ro 0 1\n"
            + "UUID=7A1B-2C3D /boot/efi vfat umask=0077 0 1\n/swap.img none swap sw 0 0\n";
    static final String SYSCTL_FILE = "/etc/sysctl.d/60-aistor.conf";

    /** Drive d of host h: a serial as NVMe drives have them, letters and digits with nothing in common between hosts. */
    static String serial(int h, int d) {
        return Integer.toHexString(0x2144A0 + h * 7919 + d * 104729).toUpperCase() + "E" + (char) ('A' + h) + (char) ('K' + d);
    }

    private static List<FstabFile.Entry> entries(int h) {
        List<FstabFile.Entry> out = new ArrayList<>();
        for (int d = 1; d <= DRIVES; d++) {
            out.add(new FstabFile.Entry(d, DriveLabel.of("ceo", d), "/mnt/drive" + d, serial(h, d)));
        }
        return out;
    }

    static String sysctlFile() {
        StringBuilder out = new StringBuilder("# Written by aistorctl tune (profile aistor-default); aistorctl tune --revert restores the originals.\n");
        SYSCTLS.forEach(s -> out.append(s, 0, s.indexOf(':')).append(" = ").append(s.substring(s.indexOf(" -> ") + 4)).append('\n'));
        return out.toString();
    }

    private static StepResult step(int index, String name, String host, List<Change> changes) {
        return new StepResult(index, name, name, StepStatus.CHANGED, StepPlan.changes(name, host, changes), null, null, Duration.ZERO);
    }

    private static HostResult host(String host, StepResult... steps) {
        return new HostResult(host, List.of(steps), null, Duration.ofSeconds(1));
    }

    private static RunResult run(String playbook, List<HostResult> hosts) {
        return new RunResult("r-" + playbook, playbook, true, Instant.EPOCH, Duration.ofSeconds(2), hosts, null);
    }
}
