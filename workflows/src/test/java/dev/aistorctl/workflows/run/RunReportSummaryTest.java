package dev.aistorctl.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.RecordingOutput;
import org.junit.jupiter.api.Test;

/** The end of a run's report: what it calls the run, its headings, and errors of more than one line. */
class RunReportSummaryTest {
    private static final String ERROR = "format drives: mkfs.xfs exited 1\nmkfs.xfs: /dev/nvme3n1 contains a mounted filesystem\nUsage: mkfs.xfs";

    @Test
    void aPlanThatFailedIsNotCalledADryRun() {
        RunResult run = run(true, changed("node1"), failed("node2", ERROR));
        List<String> lines = RunReport.text(run, new Redactor(), new RecordingOutput()).lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("plan r1: 2 hosts, 0 ok, 1 would change, 1 failed, 0 skipped in ")
                .endsWith("; nothing was changed");
        assertThat(lines).contains("Planned changes (planning failed on 1 of 2 hosts: nothing was changed):");
        assertThat(String.join("\n", lines)).doesNotContain("dry run");
    }

    @Test
    void aDryRunThatPlannedEverywhereIsOne() {
        List<String> lines = RunReport.text(run(true, changed("node1")), new Redactor(), new RecordingOutput()).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Planned changes (dry run: nothing was changed):");
        assertThat(lines.get(lines.size() - 1)).startsWith("dry run r1: 1 hosts, 0 ok, 1 would change, 0 failed");
    }

    @Test
    void aMultiLineErrorIsItsFirstLineInTheTableAndWholeBelowIt() {
        List<String> lines = RunReport.text(run(false, changed("node1"), failed("node2", ERROR)), new Redactor(), new RecordingOutput())
                .lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("node2 +failed +0 +0 +1 +0 +format drives: mkfs\\.xfs exited 1 \\(in full below\\)"));
        int at = lines.indexOf("Errors in full:");
        assertThat(at).isPositive();
        assertThat(lines.subList(at + 1, at + 5)).containsExactly("  node2:", "      format drives: mkfs.xfs exited 1",
                "      mkfs.xfs: /dev/nvme3n1 contains a mounted filesystem", "      Usage: mkfs.xfs");
        assertThat(lines.stream().filter(l -> l.contains("contains a mounted filesystem")).count()).isEqualTo(1);
    }

    @Test
    void aOneLineErrorStaysInTheTableAlone() {
        String text = RunReport.text(run(false, failed("node2", "unreachable: connection refused")), new Redactor(), new RecordingOutput());
        assertThat(text).contains("unreachable: connection refused").doesNotContain("Errors in full", "in full below");
    }

    @Test
    void noChangesNoHeading() {
        RunResult run = new RunResult("r1", "drives", false, Instant.EPOCH, Duration.ofSeconds(1),
                List.of(new HostResult("node1", List.of(new StepResult(1, "mounts", "mounts", StepStatus.OK, null, null, null,
                        Duration.ZERO)), null, Duration.ZERO)), null);
        String text = RunReport.text(run, new Redactor(), new RecordingOutput());
        assertThat(text).doesNotContain("Changes made", "Planned changes", "not made");
    }

    @Test
    void changesOfStepsThatFailedAreNotCalledMade() {
        String text = RunReport.text(run(false, failed("node2", "boom")), new Redactor(), new RecordingOutput());
        assertThat(text).doesNotContain("Changes made:").contains("Changes planned but not made (their steps failed):",
                "node2: step 1 mounts (failed): mount /mnt/drive1: not mounted -> mounted");
    }

    private static HostResult changed(String host) {
        return new HostResult(host, List.of(new StepResult(1, "mounts", "mounts", StepStatus.CHANGED,
                StepPlan.changes("mounts", host, List.of(Change.of("mount /mnt/drive1", "not mounted", "mounted"))), null, null,
                Duration.ZERO)), null, Duration.ZERO);
    }

    private static HostResult failed(String host, String error) {
        return new HostResult(host, List.of(new StepResult(1, "mounts", "mounts", StepStatus.FAILED,
                StepPlan.changes("mounts", host, List.of(Change.of("mount /mnt/drive1", "not mounted", "mounted"))), null, error,
                Duration.ZERO)), error, Duration.ZERO);
    }

    private static RunResult run(boolean dryRun, HostResult... hosts) {
        return new RunResult("r1", "drives", dryRun, Instant.EPOCH, Duration.ofSeconds(1), List.of(hosts), null);
    }
}
