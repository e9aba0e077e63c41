package dev.aistorctl.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.storagenode.minio.MinioEnvironment;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.TestInventories;
import org.junit.jupiter.api.Test;

/** What run, drives prepare and the node commands print of a run's changes, by default and with -v. */
class RunReportGroupingTest {

    @Test
    void aChangeIdenticalOnEveryHostIsOneLineAndDrivesAreATable() {
        String text = RunReport.text(run(), new Redactor(), new RecordingOutput(false, false));
        assertThat(text.lines()).contains("  node{1...8}: step 2 kernel parameters: sysctl net.core.somaxconn: 4096 -> 65535");
        assertThat(text.lines()).anyMatch(l -> l.matches("  node3 +/dev/nvme\\{0\\.\\.\\.1\\}n1 +- +- +blank +format +/mnt/drive\\{1\\.\\.\\.2\\} +c-d\\{1\\.\\.\\.2\\} +S3-0, S3-1"));
        assertThat(text).doesNotContain("node1: step");
        assertThat(text.lines().filter(l -> l.contains("somaxconn")).count()).isEqualTo(1);
    }

    @Test
    void verboseListsEveryHostsChangesAsBefore() {
        String text = RunReport.text(run(), new Redactor(), new RecordingOutput(false, true));
        assertThat(text.lines().filter(l -> l.contains("somaxconn")).count()).isEqualTo(8);
        assertThat(text).contains("  node5: step 2 kernel parameters", "      DESTRUCTIVE format /dev/nvme1n1");
    }

    /**
     * A MinIO node's plan on three hosts: the environment file, identical on all of them, is shown once in full, so
     * that MINIO_VOLUMES and MINIO_OPTS are read before the cluster starts, credential masked; the unit, as identical,
     * is folded to its size.
     */
    @Test
    void theNodesEnvironmentFileIsShownOnceInFullWhereTheUnitIsFolded() {
        String env = "MINIO_VOLUMES=\"http://node{1...3}:9000/mnt/drive{1...4}/minio\"\nMINIO_OPTS=\"--address :9000 --console-address :9001\"\n"
                + "MINIO_ROOT_USER=\"admin\"\nMINIO_ROOT_PASSWORD=<redacted>\n";
        List<HostResult> hosts = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            String host = "node" + h;
            List<Change> files = List.of(
                    Change.of(ChangeKey.of("file", MinioPaths.ENV_FILE), MinioPaths.ENV_FILE, null, "sha256 a5b2fcf40b59 (credential redacted)")
                            .withDiff(UnifiedDiff.of(MinioPaths.ENV_FILE, null, env)),
                    Change.of(ChangeKey.of("file", MinioPaths.UNIT_FILE), MinioPaths.UNIT_FILE, null, "sha256 f5db6032da09")
                            .withDiff(UnifiedDiff.of(MinioPaths.UNIT_FILE, null, "[Unit]\nDescription=MinIO\n")));
            hosts.add(new HostResult(host, List.of(new StepResult(4, "configuration files", "node-config", StepStatus.CHANGED,
                    StepPlan.changes("node-config", host, files), null, null, Duration.ZERO)), null, Duration.ofSeconds(1)));
        }
        RunResult run = new RunResult("r2", "node-install", true, Instant.EPOCH, Duration.ofSeconds(1), hosts, null);

        List<String> lines = RunReport.text(run, new Redactor(), new RecordingOutput(false, false)).lines().toList();

        int at = lines.indexOf("  node{1...3}: step 4 configuration files: " + MinioPaths.ENV_FILE + ": (absent) -> sha256 a5b2fcf40b59 (credential redacted)");
        assertThat(at).as(String.join("\n", lines)).isNotNegative();
        assertThat(lines.subList(at + 1, at + 8)).containsExactly("      --- /dev/null", "      +++ " + MinioPaths.ENV_FILE, "      @@ -0,0 +1,4 @@",
                "      +MINIO_VOLUMES=\"http://node{1...3}:9000/mnt/drive{1...4}/minio\"",
                "      +MINIO_OPTS=\"--address :9000 --console-address :9001\"", "      +MINIO_ROOT_USER=\"admin\"",
                "      +MINIO_ROOT_PASSWORD=<redacted>");
        assertThat(lines.stream().filter(l -> l.contains("MINIO_VOLUMES")).count()).as("once for the three hosts").isEqualTo(1);
        int unit = lines.indexOf("  node{1...3}: step 4 configuration files: " + MinioPaths.UNIT_FILE + ": (absent) -> sha256 f5db6032da09");
        assertThat(lines.get(unit + 1)).isEqualTo("      diff: +2 -0 lines, the same on these 3 hosts; -v shows it");
    }

    /**
     * The environment file as the template renders it, in the printed plan: its comments shown as written (none is
     * shaped like a credential, which the plan's masking would take for one), the password masked.
     */
    @Test
    void thePrintedPlanShowsTheEnvironmentFilesCommentsAsWrittenAndThePasswordMasked() {
        String env = MinioEnvironment.of(TestInventories.singleNode()).redacted();
        Change file = Change.of(ChangeKey.of("file", MinioPaths.ENV_FILE), MinioPaths.ENV_FILE, null, "sha256 a5b2fcf40b59 (credential redacted)")
                .withDiff(UnifiedDiff.of(MinioPaths.ENV_FILE, null, env));
        HostResult host = new HostResult("node1", List.of(new StepResult(4, "configuration files", "node-config", StepStatus.CHANGED,
                StepPlan.changes("node-config", "node1", List.of(file)), null, null, Duration.ZERO)), null, Duration.ofSeconds(1));
        RunResult run = new RunResult("r3", "node-install", true, Instant.EPOCH, Duration.ofSeconds(1), List.of(host), null);

        List<String> lines = RunReport.text(run, new Redactor(), new RecordingOutput(false, false)).lines().toList();

        List<String> comments = env.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(comments).hasSize(2);
        for (String comment : comments) {
            assertThat(lines).contains("      +" + comment);
        }
        assertThat(lines).contains("      +# The root password below makes this file mode 0640, owner root, group minio-user.",
                "      +MINIO_ROOT_PASSWORD=<redacted>");
        assertThat(lines.stream().filter(l -> l.contains(Redactor.MASK)).toList()).containsExactly("      +MINIO_ROOT_PASSWORD=<redacted>");
    }

    /**
     * A warning of the plans (no license) is printed once for the hosts it is on, whether or not their steps change
     * anything, and with -v too; a run that changed nothing is not said to have planned changes it did not make.
     */
    @Test
    void aPlansWarningIsPrintedOnceForItsHostsEvenWhereNothingChanges() {
        List<HostResult> hosts = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            String host = "node" + h;
            hosts.add(new HostResult(host, List.of(new StepResult(4, "configuration files", "node-config", StepStatus.OK,
                    StepPlan.nothingToDo("node-config", host, "every file already as rendered").withWarnings(List.of("no license")),
                    null, null, Duration.ZERO)), null, Duration.ofSeconds(1)));
        }
        RunResult run = new RunResult("r3", "node-install", false, Instant.EPOCH, Duration.ofSeconds(1), hosts, null);

        for (boolean verbose : List.of(false, true)) {
            String text = RunReport.text(run, new Redactor(), new RecordingOutput(false, verbose));
            assertThat(text).as("-v " + verbose).startsWith("Warnings:\n  node{1...3}: step 4 configuration files: WARN no license\n\nHOST")
                    .doesNotContain("Changes");
        }
    }

    private static RunResult run() {
        List<HostResult> hosts = new ArrayList<>();
        for (int h = 1; h <= 8; h++) {
            String host = "node" + h;
            List<Change> formats = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                ChangeKey key = ChangeKey.of(XfsDrives.KEY_KIND, "/dev/nvme" + d + "n1").with("serial", "S" + h + "-" + d)
                        .with(XfsDrives.ACTION, "format").with(XfsDrives.STATE, "blank").with(XfsDrives.MOUNT, "/mnt/drive" + (d + 1))
                        .with(XfsDrives.LABEL, "c-d" + (d + 1));
                formats.add(Change.destructive(key, "format /dev/nvme" + d + "n1", "blank", "XFS"));
            }
            hosts.add(new HostResult(host, List.of(
                    new StepResult(1, "xfs drives", "xfs-drives", StepStatus.CHANGED, StepPlan.changes("xfs drives", host, formats), null, null, Duration.ZERO),
                    new StepResult(2, "kernel parameters", "sysctl", StepStatus.CHANGED, StepPlan.changes("sysctl", host,
                            List.of(Change.of("sysctl net.core.somaxconn", "4096", "65535"))), null, null, Duration.ZERO)),
                    null, Duration.ofSeconds(1)));
        }
        return new RunResult("r1", "drives", true, Instant.EPOCH, Duration.ofSeconds(1), hosts, null);
    }
}
