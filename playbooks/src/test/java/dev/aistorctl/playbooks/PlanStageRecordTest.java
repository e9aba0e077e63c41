package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.journal.RunSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a run was a plan only is the engine's record: callers need not say so in their args. */
class PlanStageRecordTest {
    @TempDir
    Path home;

    private final FakeHosts fake = new FakeHosts();

    private Playbook playbook() {
        return new PlaybookLoader(fake.registry()).parse("fake.yaml", "fake.yaml",
                "version: 1\nname: fake\nsteps:\n  - step: setting\n    key: k\n    value: v\n");
    }

    /** A run whose caller writes no dry_run arg; {@code finish} false leaves the journal without its end. */
    private String run(boolean planOnly, boolean finish, Instant at) {
        String id = RunIds.next(at);
        var hosts = fake.hosts("node01");
        Journal journal = Journal.create(home.resolve("runs"), id, new Redactor());
        journal.runStarted(playbook(), "inventory.yaml", List.of("node01"), Map.of("command", "test"));
        Runner runner = Runner.builder().runId(id).connect(fake.connect()).lock(null).journal(journal).build();
        RunResult r = planOnly ? runner.plan(playbook(), hosts, RunOptions.defaults(1))
                : runner.run(playbook(), hosts, RunOptions.defaults(1));
        if (finish) {
            journal.runFinished(r);
        }
        journal.close();
        return id;
    }

    @Test
    void aPlanStageIsListedAsADryRunFinishedOrNot() {
        Instant t = Instant.parse("2026-11-25T15:19:00Z");
        String planned = run(true, true, t);
        String cut = run(true, false, t.plusSeconds(1));
        String applied = run(false, true, t.plusSeconds(2));
        String appliedCut = run(false, false, t.plusSeconds(3));

        List<RunSummary> runs = new RunStore(home.resolve("runs")).list();

        assertThat(runs).extracting(RunSummary::runId).containsExactly(appliedCut, applied, cut, planned);
        assertThat(runs).extracting(RunSummary::dryRun).containsExactly(false, false, true, true);
        assertThat(runs).extracting(RunSummary::finished).containsExactly(false, true, false, true);
        var events = new RunStore(home.resolve("runs")).events(cut);
        assertThat(events.get(1).path("event").asText()).isEqualTo("stage");
        assertThat(events.get(1).path("stage").asText()).isEqualTo("plan");
        assertThat(events.get(1).path("dry_run").asBoolean()).isTrue();
        assertThat(events.get(0).path("args").has("dry_run")).as("not the caller's word").isFalse();
    }
}
