package dev.aistorctl.workflows.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.RecordingOutput;
import org.junit.jupiter.api.Test;

/** tune's plan on three alike hosts: each change once for the hosts, and with -v every host's changes and diffs. */
class TuneReportTest {
    private static final String FILE = "/etc/sysctl.d/60-aistor.conf";

    @Test
    void aChangeIdenticalOnEveryHostIsOneLineWithTheHostsAsARangeAndTheFileFolded() {
        List<String> lines = TuneReport.text(run(), Map.of(), new RecordingOutput(false, false)).lines().toList();

        assertThat(lines).contains("  node{1...3}: kernel parameters: sysctl net.core.somaxconn: 4096 -> 65535",
                "  node{1...3}: kernel parameters: " + FILE + ": (absent) -> 1 setting line",
                "      diff: +1 -0 lines, the same on these 3 hosts; -v shows it");
        assertThat(lines.stream().filter(l -> l.contains("somaxconn")).count()).isEqualTo(1);
    }

    @Test
    void verboseShowsEveryHostsChangesWithTheFilesDiff() {
        String text = TuneReport.text(run(), Map.of(), new RecordingOutput(false, true));

        for (int h = 1; h <= 3; h++) {
            assertThat(text).contains("  node" + h + ": kernel parameters\n      sysctl net.core.somaxconn: 4096 -> 65535\n      "
                    + FILE + ": (absent) -> 1 setting line\n          --- /dev/null\n          +++ " + FILE);
        }
        assertThat(text.lines().filter(l -> l.equals("          +net.core.somaxconn = 65535")).count()).isEqualTo(3);
    }

    private static RunResult run() {
        List<HostResult> hosts = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            String host = "node" + h;
            List<Change> changes = List.of(Change.of("sysctl net.core.somaxconn", "4096", "65535"),
                    Change.of(ChangeKey.of("file", FILE), FILE, null, "1 setting line")
                            .withDiff(UnifiedDiff.of(FILE, null, "net.core.somaxconn = 65535\n")));
            hosts.add(new HostResult(host, List.of(new StepResult(1, "kernel parameters", "sysctl", StepStatus.CHANGED,
                    StepPlan.changes("sysctl", host, changes), null, null, Duration.ZERO)), null, Duration.ofSeconds(1)));
        }
        return new RunResult("r-tune", "tune", true, Instant.EPOCH, Duration.ofSeconds(1), hosts, null);
    }
}
