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
