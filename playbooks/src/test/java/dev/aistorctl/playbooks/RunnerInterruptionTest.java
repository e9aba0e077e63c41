package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a run: what still runs, what never starts, and what the result and the journal say. */
class RunnerInterruptionTest {
    @TempDir
    Path home;

    private final FakeHosts fake = new FakeHosts();
    private final Interruption interruption = new Interruption();

    private Playbook twoSteps() {
        String yaml = "version: 1\nname: fake\nsteps:\n"
                + "  - step: setting\n    key: somaxconn\n    value: \"65535\"\n"
                + "  - step: setting\n    key: swappiness\n    value: \"1\"\n";
        return new PlaybookLoader(fake.registry()).parse("fake.yaml", "fake.yaml", yaml);
    }

    private RunResult run(List<dev.aistorctl.inventory.InventoryHost> hosts, int parallel) {
        String id = RunIds.next(Instant.now());
        Playbook pb = twoSteps();
        try (Journal journal = Journal.create(home.resolve("runs"), id, new Redactor())) {
            journal.runStarted(pb, "inventory.yaml", hosts.stream().map(h -> h.name()).toList(), Map.of());
            Runner runner = Runner.builder().runId(id).connect(fake.connect()).lock(null).journal(journal)
                    .interruption(interruption).build();
            RunResult result = runner.run(pb, hosts, RunOptions.defaults(parallel));
            journal.runFinished(result);
            return result;
        }
    }

    private List<JsonNode> journal(RunResult result) {
        return new RunStore(home.resolve("runs")).events(result.runId());
    }

    @Test
    void the_first_ctrl_c_lets_the_running_step_finish_and_starts_nothing_more() {
        var hosts = fake.hosts("node01", "node02");
        fake.duringWrite.put("node01", () -> interruption.request("SIGINT"));

        RunResult result = run(hosts, 1);

        // the step that was running finished and converged; the next never started, nor did the next host
        assertThat(fake.state.get("node01")).containsEntry("somaxconn", "65535").doesNotContainKey("swappiness");
        assertThat(fake.state.get("node02")).isEmpty();
        HostResult cut = result.hosts().get(0);
        assertThat(cut.steps()).extracting(StepResult::status).containsExactly(StepStatus.CHANGED, StepStatus.SKIPPED);
        assertThat(cut.steps().get(1).reason()).isEqualTo("not started: the run was interrupted (SIGINT)");
        assertThat(cut.error()).isEqualTo("node01: interrupted (SIGINT) before step 2 'setting swappiness'; run again to finish");
        assertThat(result.hosts().get(1).steps()).extracting(StepResult::status).containsOnly(StepStatus.SKIPPED);
        assertThat(result.ok()).isFalse();
        assertThat(result.interrupted()).isEqualTo(new RunResult.Interrupted("SIGINT", false, List.of(
                new RunResult.Cut("node01", 2, "setting swappiness", RunResult.Cut.NOT_STARTED),
                new RunResult.Cut("node02", null, null, RunResult.Cut.NOT_STARTED))));

        List<JsonNode> events = journal(result);
        JsonNode heard = events.stream().filter(e -> e.path("event").asText().equals("interrupt")).findFirst().orElseThrow();
        assertThat(heard.path("signal").asText()).isEqualTo("SIGINT");
        assertThat(heard.path("degree").asText()).isEqualTo("stop");
        assertThat(heard.path("running").toString()).isEqualTo("[{\"host\":\"node01\",\"step\":1,\"name\":\"setting somaxconn\"}]");
        JsonNode end = events.get(events.size() - 1);
        assertThat(end.path("event").asText()).isEqualTo("run_end");
        assertThat(end.path("outcome").asText()).isEqualTo("interrupted");
        assertThat(end.path("result").path("interrupted").toString()).isEqualTo("{\"signal\":\"SIGINT\",\"forced\":false,\"cut\":["
                + "{\"host\":\"node01\",\"step\":2,\"name\":\"setting swappiness\",\"how\":\"not started\"},"
                + "{\"host\":\"node02\",\"how\":\"not started\"}]}");
    }

    @Test
    void a_second_ctrl_c_marks_the_step_it_stopped_and_its_force_actions_run() throws Exception {
        var hosts = fake.hosts("node01");
        java.util.concurrent.CountDownLatch forced = new java.util.concurrent.CountDownLatch(1);
        try (Interruption.Registration r = interruption.onForce(forced::countDown)) {
            fake.duringWrite.put("node01", () -> {
                interruption.request("SIGINT");
                interruption.request("SIGINT");
            });
            // what the host's lock shell does to the run's command when the lock is let go: TERM
            fake.applyFails.put("node01", "Terminated\n");

            RunResult result = run(hosts, 1);

            assertThat(forced.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the force action ran").isTrue();
            HostResult h = result.hosts().get(0);
            assertThat(h.steps()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
            assertThat(h.error()).isEqualTo("node01: step 1 'setting somaxconn' (setting): set somaxconn: exit 1: Terminated"
                    + " (stopped by a second SIGINT: the host lock was let go, which stops the run's processes on the host)");
            assertThat(h.steps().get(1).reason()).isEqualTo("an earlier step failed");
            assertThat(result.interrupted()).isEqualTo(new RunResult.Interrupted("SIGINT", true, List.of(
                    new RunResult.Cut("node01", 1, "setting somaxconn", RunResult.Cut.STOPPED))));
            assertThat(journal(result)).filteredOn(e -> e.path("event").asText().equals("interrupt"))
                    .extracting(e -> e.path("degree").asText()).containsExactly("stop", "force");
        }
    }

    @Test
    void a_run_never_interrupted_says_nothing_of_it() {
        RunResult result = run(fake.hosts("node01"), 1);

        assertThat(result.interrupted()).isNull();
        List<JsonNode> events = journal(result);
        assertThat(events.get(events.size() - 1).path("outcome").asText()).isEqualTo("ok");
        assertThat(events.get(events.size() - 1).path("result").has("interrupted")).isFalse();
    }

    @Test
    void requests_go_stop_force_halt_and_a_force_action_registered_late_runs_at_once() {
        Interruption i = new Interruption();
        assertThat(i.requested()).isFalse();
        assertThat(i.request("SIGTERM")).isEqualTo(Interruption.Degree.STOP);
        assertThat(i.forced()).isFalse();
        assertThat(i.request("SIGINT")).isEqualTo(Interruption.Degree.FORCE);
        assertThat(i.signal()).as("the first signal names the interruption").isEqualTo("SIGTERM");
        boolean[] ran = {false};
        i.onForce(() -> ran[0] = true).close();
        assertThat(ran[0]).isTrue();
        assertThat(i.request("SIGINT")).isEqualTo(Interruption.Degree.HALT);
    }
}
