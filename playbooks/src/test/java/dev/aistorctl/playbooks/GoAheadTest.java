package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.GoAhead.Asks;
import dev.aistorctl.playbooks.GoAhead.Decision;
import dev.aistorctl.playbooks.GoAhead.Typed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one go-ahead rule, as a table: what was planned and what the person gave, and what follows. */
class GoAheadTest {

    @ParameterizedTest(name = "{0}: {1} changes, {2} destructive, yes={3}, flag={4}, typed={5} -> {6}")
    @CsvSource({
        // asks,            changes, destr, yes,   flag,  typed,         decision
        "EVERY_CHANGE,        0, 0, false, false, NOT_ASKED,     APPLY",
        "EVERY_CHANGE,        3, 0, true,  false, NOT_ASKED,     APPLY",
        "EVERY_CHANGE,        3, 0, false, false, NOT_ASKED,     ASK",
        "EVERY_CHANGE,        3, 0, false, false, CONFIRMED,     APPLY",
        "EVERY_CHANGE,        3, 0, false, false, NOT_CONFIRMED, REFUSE",
        "EVERY_CHANGE,        3, 0, false, false, NO_TERMINAL,   REFUSE",
        "EVERY_CHANGE,       10, 4, true,  false, NOT_ASKED,     REFUSE_DESTRUCTIVE",
        "EVERY_CHANGE,       10, 4, false, false, CONFIRMED,     REFUSE_DESTRUCTIVE",
        "EVERY_CHANGE,       10, 4, true,  true,  NOT_ASKED,     APPLY",
        "EVERY_CHANGE,       10, 4, false, true,  NOT_ASKED,     ASK",
        "EVERY_CHANGE,       10, 4, false, true,  CONFIRMED,     APPLY",
        "EVERY_CHANGE,       10, 4, false, true,  NO_TERMINAL,   REFUSE",
        "DESTRUCTIVE_CHANGES, 0, 0, false, false, NOT_ASKED,     APPLY",
        "DESTRUCTIVE_CHANGES, 5, 0, false, false, NOT_ASKED,     APPLY",
        "DESTRUCTIVE_CHANGES, 8, 4, false, true,  NOT_ASKED,     APPLY",
        "DESTRUCTIVE_CHANGES, 8, 4, false, false, NOT_ASKED,     ASK",
        "DESTRUCTIVE_CHANGES, 8, 4, false, false, CONFIRMED,     APPLY",
        "DESTRUCTIVE_CHANGES, 8, 4, false, false, NOT_CONFIRMED, REFUSE_DESTRUCTIVE",
        "DESTRUCTIVE_CHANGES, 8, 4, false, false, NO_TERMINAL,   REFUSE_DESTRUCTIVE",
        "DESTRUCTIVE_CHANGES, 8, 4, true,  false, NO_TERMINAL,   REFUSE_DESTRUCTIVE",
    })
    void theRule(Asks asks, int changes, int destructive, boolean yes, boolean flag, Typed typed, Decision expected) {
        assertThat(GoAhead.decide(asks, changes, destructive, yes, flag, typed)).isEqualTo(expected);
    }

    private static RunPlan plan(int formatsPerHost, int wipes, int others, String... hosts) {
        return plan("20261125T151900Z-ab12", formatsPerHost, wipes, others, hosts);
    }

    private static RunPlan plan(String runId, int formatsPerHost, int wipes, int others, String... hosts) {
        List<HostPlan> out = new ArrayList<>();
        for (String h : hosts) {
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < formatsPerHost; i++) {
                changes.add(Change.destructive(ChangeKey.of("drive", "/dev/loop4" + i), "format /dev/loop4" + i, "blank", "XFS"));
            }
            for (int i = 0; i < wipes; i++) {
                changes.add(Change.destructive(ChangeKey.of("data directory", "/mnt/drive" + i + "/minio"),
                        "empty /mnt/drive" + i + "/minio", "3 files and directories, 12 B", "empty"));
            }
            for (int i = 0; i < others; i++) {
                changes.add(Change.of(ChangeKey.of("value", "/proc/sys/k" + i), "sysctl k" + i, "1", "2"));
            }
            out.add(new HostPlan(h, changes.isEmpty() ? List.of()
                    : List.of(new PlannedStep(1, "s", "s", StepStatus.CHANGED, StepPlan.changes("s", h, changes), null, null)), null));
        }
        return new RunPlan(runId, "p", out);
    }

    @Test
    void theTextsSayWhatIsDestroyedWhereAndWhichFlagAllowsIt() {
        GoAhead none = GoAhead.none("--wipe-drives");
        assertThat(none.decide(plan(4, 0, 0, "n1", "n2"), "c1", Asks.DESTRUCTIVE_CHANGES).text())
                .isEqualTo("Formatting 8 drives on 2 hosts destroys their data.");
        assertThat(none.withTyped(Typed.NOT_CONFIRMED).decide(plan(4, 0, 1, "n1"), "c1", Asks.DESTRUCTIVE_CHANGES).text())
                .isEqualTo("refused: formatting 4 drives on 1 host destroys whatever is on them (listed above as "
                        + "DESTRUCTIVE); nothing was changed. Run again with --wipe-drives to format them.");
        assertThat(GoAhead.none("--allow-destructive").decide(plan(1, 2, 0, "n1"), "c1", Asks.EVERY_CHANGE).text())
                .isEqualTo("refused: formatting 1 drive and emptying 2 data directories on 1 host destroys whatever is on "
                        + "them (listed above as DESTRUCTIVE); nothing was changed. Run again with --allow-destructive "
                        + "to allow them.");
        assertThat(none.decide(plan(0, 0, 3, "n1"), "c1", Asks.EVERY_CHANGE).text())
                .isEqualTo("Apply this plan to cluster c1?");
        assertThat(none.withTyped(Typed.NO_TERMINAL).decide(plan(0, 0, 3, "n1"), "c1", Asks.EVERY_CHANGE).text())
                .isEqualTo("refused: 3 changes planned and no confirmation; nothing was changed. "
                        + "Run again with --yes (or on a terminal, to type the cluster's name).");
        assertThat(none.withTyped(Typed.NOT_CONFIRMED).decide(plan(0, 0, 3, "n1"), "c1", Asks.EVERY_CHANGE).text())
                .isEqualTo("refused: the cluster's name was not typed; nothing was changed");
    }

    @Test
    void aVerdictApprovesOnlyThePlanItWasGivenFor() {
        RunPlan plan = plan(2, 0, 1, "n1");
        GoAhead.Verdict yes = new GoAhead(true, true, "--wipe-drives", Typed.NOT_ASKED).decide(plan, "c1", Asks.EVERY_CHANGE);
        assertThat(yes.approves(plan)).isTrue();
        assertThat(yes.approves(plan(3, 0, 1, "n1"))).as("another destructive count").isFalse();
        assertThat(yes.approves(new RunPlan("20261125T151901Z-ffff", "p", plan.hosts()))).as("another run").isFalse();
        assertThat(GoAhead.none("--wipe-drives").decide(plan, "c1", Asks.EVERY_CHANGE).approves(plan)).isFalse();
    }

    @Test
    void plansReviewedTogetherAreDecidedTogetherAndEachIsApproved() {
        RunPlan drives = plan("20261125T151900Z-0001", 4, 0, 1, "n1", "n2");
        RunPlan tune = plan("20261125T151900Z-0002", 0, 0, 3, "n2", "n3");
        List<RunPlan> both = List.of(drives, tune);

        GoAhead.Verdict noFlag = new GoAhead(true, false, "--wipe-drives", Typed.NOT_ASKED).decide(both, "c1", Asks.EVERY_CHANGE);
        assertThat(noFlag.decision()).isEqualTo(Decision.REFUSE_DESTRUCTIVE);
        assertThat(noFlag.text()).startsWith("refused: formatting 8 drives on 2 hosts destroys");

        GoAhead.Verdict asked = GoAhead.none("--wipe-drives").decide(List.of(tune), "c1", Asks.EVERY_CHANGE);
        assertThat(asked.decision()).as("6 changes, none destructive, no --yes").isEqualTo(Decision.ASK);

        GoAhead.Verdict yes = new GoAhead(true, true, "--wipe-drives", Typed.NOT_ASKED).decide(both, "c1", Asks.EVERY_CHANGE);
        assertThat(yes.approves(drives)).isTrue();
        assertThat(yes.approves(tune)).isTrue();
        assertThat(yes.approves(plan("20261125T151900Z-0003", 0, 0, 3, "n2"))).as("a plan nobody reviewed").isFalse();
    }

    @Test
    void aTerminalAnswerMapsToWhatWasTyped() {
        assertThat(Typed.of(java.util.Optional.of(true))).isEqualTo(Typed.CONFIRMED);
        assertThat(Typed.of(java.util.Optional.of(false))).isEqualTo(Typed.NOT_CONFIRMED);
        assertThat(Typed.of(java.util.Optional.empty())).isEqualTo(Typed.NO_TERMINAL);
    }
}
