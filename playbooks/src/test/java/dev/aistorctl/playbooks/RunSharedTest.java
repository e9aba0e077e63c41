package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hosts of one run share: one object per run, the end-of-host actions, and what a step says of its outcome. */
class RunSharedTest {
    @TempDir
    Path home;

    private final FakeHosts fake = new FakeHosts();
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Every {@link Seen} a step got from its run. */
    private final Set<Seen> instances = ConcurrentHashMap.newKeySet();

    /** One per run: which hosts used it, and which hosts it heard finish. */
    static final class Seen implements RunShared.Member {
        final Set<String> used = ConcurrentHashMap.newKeySet();
        final Set<String> finished = ConcurrentHashMap.newKeySet();
        final List<String> hosts;

        Seen(RunShared run) {
            hosts = run.hosts();
        }

        @Override
        public void hostFinished(String host) {
            finished.add(host);
        }
    }

    /** Applies once per host: says where it is, uses the run's {@link Seen}, and leaves an action for the host's end. */
    private final class Telling implements Step {
        private final String key;
        private final Set<String> applied = ConcurrentHashMap.newKeySet();

        Telling(String key) {
            this.key = key;
        }

        @Override
        public String type() {
            return "telling";
        }

        @Override
        public String describe() {
            return "telling " + key;
        }

        @Override
        public StepPlan plan(StepContext ctx) {
            return applied.contains(ctx.host()) ? StepPlan.nothingToDo(describe(), ctx.host(), "told")
                    : StepPlan.changes(describe(), ctx.host(), List.of(Change.of(key, null, "told")));
        }

        @Override
        public void apply(StepContext ctx, StepPlan plan) {
            applied.add(ctx.host());
            events.add(ctx.host() + " " + key);
            Seen seen = ctx.run().get(Seen.class, Seen::new);
            seen.used.add(ctx.host());
            instances.add(seen);
            ctx.outcome("told by " + ctx.host());
            ctx.beforeLettingGo(() -> events.add(ctx.host() + " lets go after " + key));
        }
    }

    @Test
    void hostsShareOneObjectPerRunEndActionsRunAfterTheLastStepAndOutcomesShowInTheResult() {
        StepRegistry registry = fake.registry().register("telling", p -> {
            p.allowOnly("key");
            return new Telling(p.string("key"));
        });
        Playbook book = new PlaybookLoader(registry).parse("t.yaml", "t.yaml",
                "version: 1\nname: t\nsteps:\n  - step: telling\n    key: a\n  - step: telling\n    key: b\n");
        var hosts = fake.hosts("node01", "node02");
        String id = RunIds.next(Instant.now());
        RunResult result;
        try (Journal journal = Journal.create(new RunStore(home.resolve("runs")).runsDir(), id, new Redactor())) {
            journal.runStarted(book, "inventory.yaml", List.of("node01", "node02"), Map.of());
            Runner runner = Runner.builder().runId(id).connect(fake.connect()).lock(null).journal(journal).build();
            result = runner.run(book, hosts, RunOptions.defaults(2));
        }

        assertThat(result.ok()).isTrue();
        assertThat(result.hosts().get(0).steps()).extracting(StepResult::reason)
                .containsExactly("applied 1 change; told by node01", "applied 1 change; told by node01");
        for (String h : List.of("node01", "node02")) {
            assertThat(events.stream().filter(e -> e.startsWith(h + " ")).toList())
                    .containsExactly(h + " a", h + " b", h + " lets go after a", h + " lets go after b");
        }
        assertThat(instances).as("one per run, whichever host asked first").hasSize(1);
        Seen seen = instances.iterator().next();
        assertThat(seen.hosts).containsExactly("node01", "node02");
        assertThat(seen.used).containsExactlyInAnyOrder("node01", "node02");
        assertThat(seen.finished).containsExactlyInAnyOrder("node01", "node02");
    }
}
