package dev.aistorctl.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.workflows.progress.HostBoard;
import org.junit.jupiter.api.Test;

/** What a host's progress says of its outcome: a host only planned would change; nothing changed on it. */
class RunProgressTest {
    private static final PlaybookStep STEP = new PlaybookStep(1, "data drives", new XfsDrives(Set.of()), "drives.yaml:3");

    @Test
    void aHostThatChangesWithoutApplyingAStepWouldChangeAndOneThatAppliedChanged() {
        RecordingOutput output = new RecordingOutput();
        RunListener progress = RunProgress.own(output, new Redactor(), 1, "drives", List.of("node1", "node2"));

        for (String host : List.of("node1", "node2")) {
            progress.hostStarted(host);
            progress.stepStarted(host, STEP, false);
        }
        progress.stepStarted("node2", STEP, true);
        progress.hostFinished(host("node1", StepStatus.CHANGED));
        progress.hostFinished(host("node2", StepStatus.CHANGED));

        assertThat(output.all).containsExactly("[1/2] node1: would change (1.5s)", "[2/2] node2: changed (1.5s)");
    }

    /** provision's plans: the board alone, whatever the verbosity; the plan's text printed next says what failed. */
    @Test
    void aPlanOnABoardOfSeveralPlansPrintsNoLineAndAHostWhosePlanningFailedIsNotPlanned() {
        RecordingOutput output = new RecordingOutput(false, true);
        List<String> finished = new ArrayList<>();
        HostBoard board = new HostBoard() {
            @Override
            public void started(String host, String part) {
                finished.add(host + " started " + part);
            }

            @Override
            public void step(String host, int index, int steps, String name) {
                finished.add(host + " step " + index + "/" + steps + " " + name);
            }

            @Override
            public void bytes(String host, long done, long total) {
            }

            @Override
            public void finished(String host, String outcome, Duration took) {
                finished.add(host + " " + outcome);
            }

            @Override
            public void close() {
                finished.add("closed");
            }
        };
        RunListener plan = new RunProgress(output, new Redactor(), 1, board, "drives", false, 2, true);

        plan.hostStarted("node1");
        plan.stepStarted("node1", STEP, false);
        plan.stepFinished("node1", new StepResult(1, "data drives", XfsDrives.TYPE, StepStatus.FAILED, null, null,
                "/dev/sdb: device state changed", Duration.ZERO));
        plan.hostFinished(host("node1", StepStatus.FAILED));
        plan.hostStarted("node2");
        plan.hostFinished(host("node2", StepStatus.CHANGED));

        assertThat(finished).containsExactly("node1 started drives", "node1 step 1/1 data drives", "node1 not planned",
                "node2 started drives", "node2 would change");
        assertThat(output.all).as("no line: the plan's text follows").isEmpty();
    }

    private static HostResult host(String name, StepStatus status) {
        StepResult step = new StepResult(1, "data drives", XfsDrives.TYPE, status, null, null,
                status == StepStatus.FAILED ? "/dev/sdb: device state changed" : null, Duration.ZERO);
        return new HostResult(name, List.of(step), status == StepStatus.FAILED ? "step 1 failed" : null, Duration.ofMillis(1500));
    }
}
