package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    @TempDir
    Path home;

    private final FakeHosts fake = new FakeHosts();

    /** The runner turns whatever a step throws into a failed step; an unscripted command must still fail the test. */
    @AfterEach
    void everyCommandWasScripted() {
        fake.connectors.values().forEach(ScriptedConnector::assertEveryCommandScripted);
    }

    private Playbook playbook(String... keyValues) {
        StringBuilder yaml = new StringBuilder("version: 1\nname: fake\nsteps:\n");
        for (int i = 0; i < keyValues.length; i += 2) {
            yaml.append("  - step: setting\n    key: ").append(keyValues[i]).append("\n    value: \"")
                    .append(keyValues[i + 1]).append("\"\n");
        }
        return new PlaybookLoader(fake.registry()).parse("fake.yaml", "fake.yaml", yaml.toString());
    }

    private RunResult run(Playbook playbook, List<dev.aistorctl.inventory.InventoryHost> hosts, RunOptions options,
                          Redactor redactor, RunListener listener) {
        String id = RunIds.next(Instant.now());
        RunStore store = new RunStore(home.resolve("runs"));
        try (Journal journal = Journal.create(store.runsDir(), id, redactor)) {
            journal.runStarted(playbook, "inventory.yaml", hosts.stream().map(h -> h.name()).toList(),
                    Map.of("dry_run", String.valueOf(options.dryRun())));
            Runner runner = Runner.builder().runId(id).connect(fake.connect()).lock(null).journal(journal)
                    .redactor(redactor).listener(listener).build();
            RunResult result = runner.run(playbook, hosts, options);
            journal.runFinished(result);
            return result;
        }
    }

    private RunResult run(Playbook playbook, List<dev.aistorctl.inventory.InventoryHost> hosts, RunOptions options) {
        return run(playbook, hosts, options, new Redactor(), RunListener.NONE);
    }

    @Test
    void a_step_is_planned_applied_and_verified_and_a_second_run_plans_nothing() {
        var hosts = fake.hosts("node01", "node02");
        Playbook pb = playbook("somaxconn", "65535", "swappiness", "1");

        RunResult first = run(pb, hosts, RunOptions.defaults(2));

        assertThat(first.ok()).isTrue();
        assertThat(first.hosts()).allSatisfy(h -> {
            assertThat(h.outcome()).isEqualTo(StepStatus.CHANGED);
            assertThat(h.count(StepStatus.CHANGED)).isEqualTo(2);
        });
        assertThat(fake.state.get("node02")).containsEntry("somaxconn", "65535").containsEntry("swappiness", "1");

        RunResult second = run(pb, hosts, RunOptions.defaults(2));

        assertThat(second.hosts()).allSatisfy(h -> {
            assertThat(h.outcome()).isEqualTo(StepStatus.OK);
            assertThat(h.steps()).extracting(StepResult::reason)
                    .containsExactly("somaxconn already 65535", "swappiness already 1");
        });
    }

    @Test
    void a_dry_run_plans_every_step_and_applies_nothing() {
        var hosts = fake.hosts("node01");
        fake.state.get("node01").put("somaxconn", "4096");

        RunResult result = run(playbook("somaxconn", "65535"), hosts, RunOptions.defaults(1).withDryRun(true));

        StepResult step = result.hosts().get(0).steps().get(0);
        assertThat(step.status()).isEqualTo(StepStatus.CHANGED);
        assertThat(step.reason()).isEqualTo("dry run: would make 1 change");
        assertThat(step.plan().changes()).containsExactly(Change.of("somaxconn", "4096", "65535"));
        assertThat(fake.state.get("node01")).containsEntry("somaxconn", "4096");
        assertThat(fake.connectors.get("node01").commands()).extracting(c -> c.argv().get(0))
                .containsOnly("read-setting");
        assertThat(result.dryRun()).isTrue();
    }

    @Test
    void a_step_that_does_not_converge_fails_with_what_is_still_different() {
        var hosts = fake.hosts("node01");
        fake.applyIgnored.add("node01");

        RunResult result = run(playbook("somaxconn", "65535"), hosts, RunOptions.defaults(1));

        HostResult h = result.hosts().get(0);
        assertThat(h.failed()).isTrue();
        assertThat(h.error()).isEqualTo("node01: step 1 'setting somaxconn' (setting): did not converge: "
                + "still 1 change after apply: somaxconn is (absent), wanted 65535");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void a_failing_host_stops_only_its_own_later_steps() {
        var hosts = fake.hosts("node01", "node02", "node03");
        fake.applyFails.put("node02", "sysctl: permission denied on key 'net.core.somaxconn'\n");

        RunResult result = run(playbook("somaxconn", "65535", "swappiness", "1"), hosts, RunOptions.defaults(3));

        HostResult failed = result.hosts().get(1);
        assertThat(failed.host()).isEqualTo("node02");
        assertThat(failed.error()).isEqualTo("node02: step 1 'setting somaxconn' (setting): set somaxconn: exit 1: "
                + "sysctl: permission denied on key 'net.core.somaxconn'");
        assertThat(failed.steps()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(failed.steps().get(1).reason()).isEqualTo("an earlier step failed");
        assertThat(fake.state.get("node02")).doesNotContainKey("swappiness");
        assertThat(List.of(result.hosts().get(0), result.hosts().get(2)))
                .allSatisfy(h -> assertThat(h.outcome()).isEqualTo(StepStatus.CHANGED));
        assertThat(result.failedHosts()).isEqualTo(1);
    }

    @Test
    void an_unreachable_host_fails_with_the_connection_error_and_skips_every_step() {
        var hosts = fake.hosts("node01", "node02");
        fake.unreachable.add("node01");

        RunResult result = run(playbook("somaxconn", "65535"), hosts, RunOptions.defaults(2));

        assertThat(result.hosts().get(0).error()).isEqualTo("node01: connect to node01:22: connection refused");
        assertThat(result.hosts().get(0).steps()).extracting(StepResult::status).containsExactly(StepStatus.SKIPPED);
        assertThat(result.hosts().get(1).outcome()).isEqualTo(StepStatus.CHANGED);
    }

    @Test
    void serial_batches_run_one_after_another() {
        var hosts = fake.hosts("n1", "n2", "n3", "n4", "n5");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void hostStarted(String host) {
                events.add("start " + host);
            }

            @Override
            public void hostFinished(HostResult result) {
                events.add("end " + result.host());
            }
        };

        run(playbook("k", "v"), hosts, RunOptions.defaults(5).withSerial(Serial.parse("2")), new Redactor(), listener);

        List<List<String>> batches = List.of(List.of("n1", "n2"), List.of("n3", "n4"), List.of("n5"));
        for (int b = 1; b < batches.size(); b++) {
            for (String before : batches.get(b - 1)) {
                for (String after : batches.get(b)) {
                    assertThat(events.indexOf("end " + before)).as(before + " ends before " + after + " starts")
                            .isLessThan(events.indexOf("start " + after));
                }
            }
        }
        assertThat(events).hasSize(10);
    }

    @Test
    void serial_percentages_round_down_but_never_below_one_host() {
        assertThat(Serial.parse("25%").batches(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
                .extracting(List::size).containsExactly(2, 2, 2, 2, 2);
        assertThat(Serial.parse("10%").batchSize(3)).isEqualTo(1);
        assertThat(Serial.parse("3").batches(List.of(1, 2, 3, 4))).extracting(List::size).containsExactly(3, 1);
    }

    @Test
    void max_fail_percentage_stops_later_batches_and_reports_their_hosts_skipped() {
        var hosts = fake.hosts("n1", "n2", "n3", "n4", "n5", "n6");
        fake.applyFails.put("n1", "boom");
        fake.applyFails.put("n3", "boom");

        RunResult result = run(playbook("k", "v"), hosts,
                RunOptions.defaults(6).withSerial(Serial.parse("2")).withMaxFailPercentage(20));

        // 1 of 6 failed after the first batch (17%, within 20%); 2 of 6 after the second (33%): stop.
        assertThat(result.hosts()).extracting(HostResult::outcome).containsExactly(
                StepStatus.FAILED, StepStatus.CHANGED, StepStatus.FAILED, StepStatus.CHANGED,
                StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertThat(result.hosts().get(4).steps().get(0).reason())
                .isEqualTo("not started: 2 of 6 hosts had failed, more than the 20% --max-fail-percentage allows");
        assertThat(result.stoppedBecause()).startsWith("not started: 2 of 6");
        assertThat(fake.connectors).doesNotContainKeys("n5", "n6");
    }

    @Test
    void destructive_changes_are_not_applied_without_allow_destructive() {
        var hosts = fake.hosts("node01");
        Step wipe = new Step() {
            @Override
            public String type() {
                return "wipe";
            }

            @Override
            public StepPlan plan(StepContext ctx) {
                return StepPlan.changes("wipe", ctx.host(), List.of(Change.destructive("mkfs.xfs /dev/nvme0n1", "ext4", "xfs")));
            }

            @Override
            public void apply(StepContext ctx, StepPlan plan) {
                throw new AssertionError("must not be applied");
            }
        };
        Playbook pb = new Playbook("wipe", "", "test", List.of(new PlaybookStep(1, null, wipe, "test")));

        RunResult result = run(pb, hosts, RunOptions.defaults(1));

        assertThat(result.hosts().get(0).error()).isEqualTo("node01: step 1 'wipe': plans destructive changes "
                + "(mkfs.xfs /dev/nvme0n1); review them with --dry-run, then run again with --allow-destructive");
    }

    @Test
    void a_step_not_applicable_on_a_host_is_ok_and_a_blocked_one_fails() {
        var hosts = fake.hosts("node01");
        Step container = new FakeStep("vm.swappiness", StepCheck.notApplicable("global sysctl inside a container"));
        Step noTool = new FakeStep("xfs", StepCheck.blocked("mkfs.xfs is not installed (xfsprogs)"));
        Playbook pb = new Playbook("p", "", "test", List.of(new PlaybookStep(1, null, container, "t"),
                new PlaybookStep(2, null, noTool, "t")));

        RunResult result = run(pb, hosts, RunOptions.defaults(1));

        List<StepResult> steps = result.hosts().get(0).steps();
        assertThat(steps.get(0).status()).isEqualTo(StepStatus.OK);
        assertThat(steps.get(0).reason()).isEqualTo("not applicable: global sysctl inside a container");
        assertThat(steps.get(1).error()).isEqualTo("node01: step 2 'xfs': cannot run: mkfs.xfs is not installed (xfsprogs)");
    }

    @Test
    void secrets_never_reach_the_journal_the_results_or_the_json() throws Exception {
        String secret = "s3cr3t-'quoted'-pw";
        Redactor redactor = new Redactor();
        redactor.add(secret);
        var hosts = fake.hosts("node01");
        fake.applyFails.put("node01", "mc: wrong password " + secret + "\n");

        RunResult result = run(playbook("MINIO_ROOT_PASSWORD", secret), hosts, RunOptions.defaults(1), redactor,
                RunListener.NONE);

        Path journal = home.resolve("runs").resolve(result.runId()).resolve(Journal.FILE);
        String text = Files.readString(journal);
        assertThat(text).doesNotContain("s3cr3t").contains(Redactor.MASK);
        assertThat(text).contains("\"argv\":[\"write-setting\",\"MINIO_ROOT_PASSWORD\",\"<redacted>\"]");
        assertThat(result.hosts().get(0).error()).doesNotContain("s3cr3t").contains("wrong password <redacted>");
        String json = redactor.redact(dev.aistorctl.playbooks.journal.RunJson.result(result)).toString();
        assertThat(json).doesNotContain("s3cr3t");
    }

    @Test
    void the_journal_tells_the_run_in_order() throws Exception {
        var hosts = fake.hosts("node01");

        RunResult result = run(playbook("k", "v"), hosts, RunOptions.defaults(1));

        List<String> events = Files.readAllLines(home.resolve("runs").resolve(result.runId()).resolve(Journal.FILE))
                .stream().map(l -> l.replaceAll(".*\"event\":\"([a-z_]+)\".*", "$1")).toList();
        assertThat(events).containsExactly("run_start", "stage", "host_start", "command", "plan", "command", "command",
                "step_result", "host_end", "run_end");
        var parsed = new RunStore(home.resolve("runs")).events(result.runId());
        assertThat(parsed.get(1).path("stage").asText()).isEqualTo("plan_and_apply");
        assertThat(parsed.get(1).path("dry_run").asBoolean(true)).isFalse();
        assertThat(parsed.get(3).path("argv").toString()).isEqualTo("[\"read-setting\",\"k\"]");
        assertThat(parsed.get(3).path("exit").asInt()).isZero();
        assertThat(parsed.get(3).path("step").asInt()).isEqualTo(1);
        assertThat(parsed.get(4).path("changes").get(0).path("after").asText()).isEqualTo("v");
        assertThat(parsed.get(7).path("status").asText()).isEqualTo("changed");
        assertThat(parsed.get(9).path("result").path("summary").path("hosts_changed").asInt()).isEqualTo(1);
    }

    @Test
    void runs_are_listed_newest_first_with_their_counts() throws Exception {
        var hosts = fake.hosts("node01", "node02");
        fake.applyFails.put("node02", "boom");
        RunResult first = run(playbook("k", "v"), hosts, RunOptions.defaults(2));
        Thread.sleep(1100); // run ids have a one-second resolution
        RunResult second = run(playbook("k", "v"), hosts, RunOptions.defaults(2));

        var runs = new RunStore(home.resolve("runs")).list();

        assertThat(runs).extracting(r -> r.runId()).containsExactly(second.runId(), first.runId());
        assertThat(runs.get(1).ok()).isZero();
        assertThat(runs.get(1).changed()).isEqualTo(1);
        assertThat(runs.get(1).failed()).isEqualTo(1);
        assertThat(runs.get(0).ok()).isEqualTo(1);
        assertThat(runs.get(0).playbook()).isEqualTo("fake");
        assertThat(runs.get(0).finished()).isTrue();
    }

    /** A step with a fixed precondition outcome that never plans changes. */
    private record FakeStep(String type, StepCheck check) implements Step {
        @Override
        public StepCheck check(StepContext context) {
            return check;
        }

        @Override
        public StepPlan plan(StepContext context) {
            return StepPlan.nothingToDo(type, context.host(), "fine");
        }

        @Override
        public void apply(StepContext context, StepPlan plan) {
        }
    }
}
