package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Runner;
import dev.aistorctl.playbooks.ScriptedConnector;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.PlanJson;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner applies exactly a reviewed plan: the format step on two lab hosts, one of whose drives is
 * swapped between the review and the apply.
 */
class ReviewedApplyTest {
    /** mkfs.xfs -q prints nothing on success: the format script reports each drive's exit code only. */
    private static ScriptedConnector formats(ScriptedConnector host) {
        return host.answerProgram("aistorctl-format",
                format -> ScriptedConnector.result(0, "@drive 1 0\n@drive 2 0\n@drive 3 0\n@drive 4 0\n"));
    }

    @TempDir
    Path home;

    private final Inventory inventory = LabCaptures.inventory(4, 2);
    private final Map<String, ScriptedConnector> hosts = new HashMap<>();
    private final Playbook playbook = new Playbook("drives", "", "test",
            List.of(new PlaybookStep(1, null, new XfsDrives(Set.of()), "test")));

    private Runner runner(String runId, Journal journal) {
        return Runner.builder().runId(runId).inventory(inventory).connect(h -> hosts.get(h.name())).lock(null)
                .journal(journal).redactor(new Redactor()).build();
    }

    private RunPlan reviewedPlan() {
        String id = RunIds.next(Instant.now());
        try (Journal journal = Journal.create(home.resolve("runs"), id, new Redactor())) {
            journal.runStarted(playbook, "inventory.yaml", List.of("node1", "node2"), Map.of());
            RunResult planned = runner(id, journal).plan(playbook, inventory.hosts(), RunOptions.defaults(2));
            journal.runFinished(planned);
            assertThat(planned.dryRun()).isTrue();
            return planned.plan();
        }
    }

    private RunResult apply(RunPlan plan, GoAhead.Verdict verdict, String runId) {
        try (Journal journal = Journal.create(home.resolve("runs"), runId, new Redactor())) {
            journal.runStarted(playbook, "inventory.yaml", List.of("node1", "node2"), Map.of());
            RunResult result = runner(runId, journal).apply(playbook, inventory.hosts(), plan, verdict, RunOptions.defaults(2));
            journal.runFinished(result);
            return result;
        }
    }

    /** What {@code host} was sent, after checking that every command it was sent was scripted. */
    private static List<String> programs(ScriptedConnector host) {
        host.assertEveryCommandScripted();
        return host.programs();
    }

    @Test
    void aDriveSwappedAfterTheReviewRefusesItsHostUntouchedAndTheOtherHostGoesOn() throws Exception {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        CaptureBundle swapped = LabCaptures.with(blank, "block-sysfs.txt", LabCaptures.swapBackingFile("loop42", "/srv/other.img")
                .apply(blank.text("block-sysfs.txt").orElseThrow()));
        // node1: reviewed blank, then loop42 is another disk; node2: blank until formatted, then this cluster's.
        // node1 is never formatted, so it is not told how a format answers: a format sent there fails the test.
        hosts.put("node1", LabCaptures.host(blank, swapped));
        hosts.put("node2", formats(LabCaptures.host(blank, blank, blank, LabCaptures.converged(blank))));

        RunPlan reviewed = PlanJson.read(RunJson.MAPPER.readTree(PlanJson.write(reviewedPlan()).toString()));
        GoAhead.Verdict verdict = new GoAhead(true, true, "--wipe-drives", GoAhead.Typed.NOT_ASKED)
                .decide(reviewed, LabCaptures.CLUSTER, GoAhead.Asks.EVERY_CHANGE);
        assertThat(verdict.decision()).isEqualTo(GoAhead.Decision.APPLY);
        String applyId = RunIds.next(Instant.now().plusSeconds(1));

        RunResult result = apply(reviewed, verdict, applyId);

        HostResult node1 = result.hosts().get(0);
        assertThat(node1.failed()).isTrue();
        assertThat(node1.error()).startsWith("node1: step 1 'data drives are XFS with this cluster's labels' (xfs-drives): "
                        + "device state changed since the reviewed plan (run " + reviewed.runId() + "): /dev/loop42: planned ")
                .contains("fingerprint ", ", now fingerprint ", "image /srv/other.img")
                .endsWith("; nothing is formatted on this host");
        assertThat(programs(hosts.get("node1"))).as("planned and planned again, never formatted")
                .containsExactly("aistorctl-drive-probe", "aistorctl-drive-probe");

        HostResult node2 = result.hosts().get(1);
        assertThat(node2.outcome()).isEqualTo(StepStatus.CHANGED);
        assertThat(node2.steps()).extracting(StepResult::reason).containsExactly("applied 4 changes");
        assertThat(programs(hosts.get("node2"))).containsExactly("aistorctl-drive-probe", "aistorctl-drive-probe",
                "aistorctl-drive-probe", "aistorctl-format", "aistorctl-drive-probe");

        List<JsonNode> events = new RunStore(home.resolve("runs")).events(applyId);
        JsonNode stage = events.stream().filter(e -> e.path("event").asText().equals("stage")).findFirst().orElseThrow();
        assertThat(stage.path("stage").asText()).isEqualTo("apply");
        assertThat(stage.path("reviewed_run").asText()).isEqualTo(reviewed.runId());
        JsonNode refused = events.stream().filter(e -> e.path("event").asText().equals("review")
                && e.path("host").asText().equals("node1")).findFirst().orElseThrow();
        assertThat(refused.path("matches").asBoolean(true)).isFalse();
        assertThat(refused.path("step").asInt()).isEqualTo(1);
        assertThat(refused.path("differences").get(0).asText()).startsWith("/dev/loop42: planned fingerprint ");
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("review") && e.path("host").asText().equals("node2"))
                .singleElement().satisfies(e -> assertThat(e.path("matches").asBoolean()).isTrue());
    }

    @Test
    void aHostThatWasNotReviewedOrWhoseReviewFailedIsNotTouched() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        hosts.put("node1", LabCaptures.host(blank));
        // node2: blank for the review, and for the apply's plan and its check before the format; then this cluster's.
        hosts.put("node2", formats(LabCaptures.host(blank, blank, blank, LabCaptures.converged(blank))));
        RunPlan full = reviewedPlan();
        RunPlan onlyNode2 = new RunPlan(full.runId(), full.playbook(), List.of(full.hosts().get(1)));
        GoAhead.Verdict verdict = new GoAhead(true, true, "--wipe-drives", GoAhead.Typed.NOT_ASKED)
                .decide(onlyNode2, LabCaptures.CLUSTER, GoAhead.Asks.EVERY_CHANGE);

        RunResult result = apply(onlyNode2, verdict, RunIds.next(Instant.now().plusSeconds(1)));

        assertThat(result.hosts().get(0).error()).isEqualTo("node1: not in the reviewed plan (run " + full.runId()
                + "); plan it, or leave it out with --limit; nothing was changed on this host");
        assertThat(result.hosts().get(0).steps()).extracting(StepResult::status).containsExactly(StepStatus.SKIPPED);
        assertThat(programs(hosts.get("node1"))).as("only the plan stage's probe").containsExactly("aistorctl-drive-probe");
        assertThat(result.hosts().get(1).outcome()).isEqualTo(StepStatus.CHANGED);
        hosts.get("node2").assertEveryCommandScripted();
    }

    @Test
    void applyNeedsAGoAheadForThisVeryPlan() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        hosts.put("node1", LabCaptures.host(blank));
        hosts.put("node2", LabCaptures.host(blank));
        RunPlan plan = reviewedPlan();
        GoAhead.Verdict withoutFlag = new GoAhead(true, false, "--wipe-drives", GoAhead.Typed.NOT_ASKED)
                .decide(plan, LabCaptures.CLUSTER, GoAhead.Asks.EVERY_CHANGE);
        GoAhead.Verdict forAnother = new GoAhead(true, true, "--wipe-drives", GoAhead.Typed.NOT_ASKED)
                .decide(new RunPlan("20260101T000000Z-0000", plan.playbook(), plan.hosts()), LabCaptures.CLUSTER,
                        GoAhead.Asks.EVERY_CHANGE);

        assertThatThrownBy(() -> apply(plan, withoutFlag, RunIds.next(Instant.now().plusSeconds(1))))
                .isInstanceOf(UsageException.class)
                .hasMessage("refused: formatting 8 drives on 2 hosts destroys whatever is on them (listed above as "
                        + "DESTRUCTIVE); nothing was changed. Run again with --wipe-drives to format them.");
        assertThatThrownBy(() -> apply(plan, forAnother, RunIds.next(Instant.now().plusSeconds(2))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("the go-ahead was given for another plan");
        assertThat(hosts.values()).allSatisfy(h -> assertThat(programs(h)).containsExactly("aistorctl-drive-probe"));
    }
}
