package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner reads ahead what a host's steps declare they read, in one remote command, and answers their plans
 * from it; apply and verify read the host. Hosts here are directories of files on this machine, one file a
 * setting, and every command really runs in a shell, counted.
 */
class ReadAheadTest {
    @TempDir
    Path home;

    /** Every command each host was sent, in order. */
    private final Map<String, List<Command>> sent = new ConcurrentHashMap<>();

    /** A setting kept in the file {@code key} of the host's directory; it may also write {@code alsoKey} when applied. */
    private static final class FileSetting implements Step {
        final String key;
        final String value;
        final boolean declares;
        final String alsoKey;

        FileSetting(String key, String value, boolean declares, String alsoKey) {
            this.key = key;
            this.value = value;
            this.declares = declares;
            this.alsoKey = alsoKey;
        }

        static Command read(String key) {
            return Command.of("sh", "-c", "cat \"$HOST_DIR/$0\" 2>/dev/null; exit 0", key).asRoot();
        }

        @Override
        public String type() {
            return "file-setting";
        }

        @Override
        public List<Command> reads(StepContext context) {
            return declares ? List.of(read(key)) : List.of();
        }

        @Override
        public StepPlan plan(StepContext ctx) {
            String now = ctx.runChecked(read(key), "read " + key).stdoutText().strip();
            return value.equals(now) ? StepPlan.nothingToDo(describe(), ctx.host(), key + " already " + value)
                    : StepPlan.changes(describe(), ctx.host(), List.of(Change.of(key, now.isEmpty() ? null : now, value)));
        }

        @Override
        public void apply(StepContext ctx, StepPlan plan) {
            ctx.runChecked(write(key, value), "set " + key);
            if (alsoKey != null) {
                ctx.runChecked(write(alsoKey, "set by " + key), "set " + alsoKey);
            }
        }

        private static Command write(String key, String value) {
            return Command.of("sh", "-c", "printf '%s\\n' \"$1\" > \"$HOST_DIR/$0\"", key, value).asRoot();
        }
    }

    private Path dir(String host) {
        return home.resolve("hosts").resolve(host);
    }

    private void set(String host, String key, String value) throws IOException {
        Files.createDirectories(dir(host));
        Files.writeString(dir(host).resolve(key), value + "\n");
    }

    private String get(String host, String key) throws IOException {
        return Files.readString(dir(host).resolve(key)).strip();
    }

    private Runner.Connect connect() {
        return h -> {
            sent.put(h.name(), new ArrayList<>());
            return new ForwardingConnector(new LocalConnector(h.name())) {
                @Override
                public ExecResult run(Command command, byte[] stdin, Duration timeout) {
                    sent.get(h.name()).add(command);
                    return delegate.run(command.withEnv("HOST_DIR", dir(h.name()).toString()), stdin, timeout);
                }

                @Override
                public ExecResult run(Command command) {
                    return run(command, new byte[0], Duration.ofMinutes(1));
                }
            };
        };
    }

    private static Playbook playbook(Step... steps) {
        List<PlaybookStep> list = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            list.add(new PlaybookStep(i + 1, "step " + (i + 1), steps[i], "test"));
        }
        return new Playbook("read-ahead", "", "test", list);
    }

    private record Ran(RunResult result, List<JsonNode> journal) {
        List<JsonNode> events(String host, String event) {
            return journal.stream().filter(e -> event.equals(e.path("event").asText()) && host.equals(e.path("host").asText())).toList();
        }
    }

    private Ran within(Function<Runner, RunResult> body) {
        String id = RunIds.next(Instant.now());
        RunStore store = new RunStore(home.resolve("runs"));
        RunResult result;
        try (Journal journal = Journal.create(store.runsDir(), id, new Redactor())) {
            Runner runner = Runner.builder().runId(id).connect(connect()).lock(null).journal(journal).build();
            result = body.apply(runner);
            journal.runFinished(result);
        }
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(store.runsDir().resolve(id).resolve(Journal.FILE))) {
                events.add(Json.mapper().readTree(line));
            }
            return new Ran(result, events);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<InventoryHost> hosts(String... names) throws IOException {
        List<InventoryHost> out = new ArrayList<>();
        for (String n : names) {
            Files.createDirectories(dir(n));
            out.add(new InventoryHost(n, n, "pool1", null, List.of()));
        }
        return out;
    }

    @Test
    void a_converged_host_is_planned_with_one_remote_command_whatever_the_number_of_steps() throws IOException {
        var hosts = hosts("node01", "node02");
        for (String h : List.of("node01", "node02")) {
            for (String k : List.of("a", "b", "c", "d", "e", "f")) {
                set(h, k, "1");
            }
        }
        Playbook pb = playbook(new FileSetting("a", "1", true, null), new FileSetting("b", "1", true, null),
                new FileSetting("c", "1", true, null), new FileSetting("d", "1", true, null),
                new FileSetting("e", "1", true, null), new FileSetting("f", "1", true, null));

        Ran ran = within(r -> r.run(pb, hosts, RunOptions.defaults(2)));

        assertThat(ran.result().hosts()).allSatisfy(h -> {
            assertThat(h.outcome()).isEqualTo(StepStatus.OK);
            assertThat(h.steps()).extracting(StepResult::reason).containsExactly(
                    "a already 1", "b already 1", "c already 1", "d already 1", "e already 1", "f already 1");
        });
        for (String h : List.of("node01", "node02")) {
            assertThat(sent.get(h)).hasSize(1);
            assertThat(sent.get(h).get(0).privileged()).as("root reads, batched as root").isTrue();
            assertThat(ran.events(h, "command")).hasSize(1);
            assertThat(ran.events(h, "command").get(0).has("step")).isFalse();
            assertThat(ran.events(h, "batched_read")).extracting(e -> e.path("step").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(ran.events(h, "batched_read")).allSatisfy(e -> assertThat(e.path("root").asBoolean()).isTrue());
        }
    }

    @Test
    void apply_and_verify_read_the_host_and_a_step_after_a_change_plans_from_the_host_as_changed() throws IOException {
        var hosts = hosts("node01");
        set("node01", "a", "0");
        set("node01", "b", "1");
        set("node01", "c", "1");
        // Step 1 also writes b, which step 2 wants as "1": step 2 must see what step 1 did, not what was read ahead.
        Playbook pb = playbook(new FileSetting("a", "1", true, "b"), new FileSetting("b", "1", true, null),
                new FileSetting("c", "1", true, null));

        Ran ran = within(r -> r.run(pb, hosts, RunOptions.defaults(1)));

        assertThat(ran.result().hosts().get(0).steps()).extracting(StepResult::status)
                .containsExactly(StepStatus.CHANGED, StepStatus.CHANGED, StepStatus.OK);
        assertThat(get("node01", "a")).isEqualTo("1");
        assertThat(get("node01", "b")).isEqualTo("1");
        // batch; step 1: write a, write b, verify (a read of the host); batch of steps 2-3; step 2: write, verify;
        // step 3 alone is left, and one read gains nothing from a batch: it reads the host itself
        List<Command> commands = sent.get("node01");
        assertThat(commands).hasSize(8);
        assertThat(commands.get(3)).isEqualTo(FileSetting.read("a"));
        assertThat(commands.get(4).argv().get(2)).contains("begin 1");
        assertThat(commands.get(6)).isEqualTo(FileSetting.read("b"));
        assertThat(commands.get(7)).isEqualTo(FileSetting.read("c"));
        assertThat(ran.events("node01", "batched_read")).extracting(e -> e.path("step").asInt()).containsExactly(1, 2);
    }

    @Test
    void a_read_is_answered_only_to_the_step_that_declared_it_and_only_once() throws IOException {
        var hosts = hosts("node01");
        set("node01", "a", "1");
        set("node01", "b", "1");
        // Step 3 runs the same read as step 1 without declaring it: it reads the host.
        Playbook pb = playbook(new FileSetting("a", "1", true, null), new FileSetting("b", "1", true, null),
                new FileSetting("a", "1", false, null));

        Ran ran = within(r -> r.run(pb, hosts, RunOptions.defaults(1)));

        assertThat(ran.result().hosts().get(0).outcome()).isEqualTo(StepStatus.OK);
        assertThat(sent.get("node01")).hasSize(2);
        assertThat(sent.get("node01").get(1)).isEqualTo(FileSetting.read("a"));
        assertThat(ran.events("node01", "batched_read")).extracting(e -> e.path("step").asInt()).containsExactly(1, 2);
    }

    @Test
    void a_reviewed_apply_plans_again_from_reads_made_under_its_own_run_not_the_reviewed_plans() throws IOException {
        var hosts = hosts("node01");
        set("node01", "a", "0");
        set("node01", "b", "1");
        Playbook pb = playbook(new FileSetting("a", "1", true, null), new FileSetting("b", "1", true, null));

        Ran planned = within(r -> r.plan(pb, hosts, RunOptions.defaults(1)));
        assertThat(sent.get("node01")).hasSize(1);
        RunPlan plan = planned.result().plan();

        Ran applied = within(r -> r.apply(pb, hosts, plan, new GoAhead(true, false, null, GoAhead.Typed.NOT_ASKED).decide(plan, "lab", GoAhead.Asks.EVERY_CHANGE), RunOptions.defaults(1)));

        assertThat(applied.result().hosts().get(0).steps()).extracting(StepResult::status)
                .containsExactly(StepStatus.CHANGED, StepStatus.OK);
        assertThat(get("node01", "a")).isEqualTo("1");
        // a new batch for the review; step 1 writes and verifies; step 2, after a change, plans from the host
        List<Command> commands = sent.get("node01");
        assertThat(commands).hasSize(4);
        assertThat(commands.get(0).argv().get(2)).contains("begin 1");
        assertThat(commands.get(2)).isEqualTo(FileSetting.read("a"));
        assertThat(commands.get(3)).isEqualTo(FileSetting.read("b"));
        assertThat(applied.events("node01", "batched_read")).extracting(e -> e.path("step").asInt()).containsExactly(1, 2);
    }

    @Test
    void a_step_that_declares_no_reads_runs_its_own_as_before() throws IOException {
        var hosts = hosts("node01");
        set("node01", "a", "1");
        set("node01", "b", "1");
        Playbook pb = playbook(new FileSetting("a", "1", false, null), new FileSetting("b", "1", false, null));

        Ran ran = within(r -> r.run(pb, hosts, RunOptions.defaults(1)));

        assertThat(sent.get("node01")).containsExactly(FileSetting.read("a"), FileSetting.read("b"));
        assertThat(ran.events("node01", "batched_read")).isEmpty();
    }
}
