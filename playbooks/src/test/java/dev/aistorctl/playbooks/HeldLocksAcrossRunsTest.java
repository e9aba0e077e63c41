package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.core.RunningCommand;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.HostLockedException;
import dev.aistorctl.playbooks.lock.LockHolder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command made of a plan run and an apply run (a provision, {@code drives prepare}) holds each host's lock once,
 * from its plan through its apply: with {@link HeldLocks} handed to both runs the lock is taken once per host, no
 * second command can take a host between the plan and the apply, and every command of both runs carries the
 * command's run id. The hosts' {@code flock} is simulated by a fake lock shell shared by every connection.
 */
class HeldLocksAcrossRunsTest {
    private static final String COMMAND = "20261207T060000Z-c0de";
    private static final String OTHER = "20261207T060100Z-0b0e";

    @TempDir
    Path home;

    private final FakeHosts fake = new FakeHosts();
    private final FakeFlock flock = new FakeFlock();
    private final Interruption interruption = new Interruption();
    private final List<InventoryHost> hosts = fake.hosts("node01", "node02");
    private final Playbook book = new PlaybookLoader(fake.registry()).parse("fake.yaml", "fake.yaml",
            "version: 1\nname: fake\nsteps:\n  - step: setting\n    key: somaxconn\n    value: \"65535\"\n");

    private static LockHolder holder(String runId) {
        return new LockHolder(runId, "ctl01", "alice", 4242, Instant.parse("2026-12-07T06:00:00Z"));
    }

    private HeldLocks locks(String runId) {
        return new HeldLocks(new HostLock(), holder(runId), interruption);
    }

    /** One run of the command: its own run id and journal, the hosts' kept connections, the command's locks. */
    private RunResult run(HeldLocks locks, java.util.function.Function<Runner, RunResult> body) {
        String id = RunIds.next(Instant.now());
        try (Journal journal = Journal.create(new RunStore(home.resolve("runs")).runsDir(), id, new Redactor())) {
            journal.runStarted(book, "inventory.yaml", List.of("node01", "node02"), Map.of());
            Runner runner = Runner.builder().runId(id).connect(h -> flock.kept(fake.connect().open(h)))
                    .heldLocks(locks).journal(journal).interruption(interruption).build();
            RunResult result = body.apply(runner);
            journal.runFinished(result);
            return result;
        }
    }

    private RunResult plan(HeldLocks locks) {
        return run(locks, r -> r.plan(book, hosts, RunOptions.defaults(2)));
    }

    private RunResult apply(HeldLocks locks, RunResult planned) {
        RunPlan plan = RunPlan.of(planned);
        GoAhead.Verdict yes = new GoAhead(true, false, "--wipe-drives", GoAhead.Typed.NOT_ASKED)
                .decide(plan, "c1", GoAhead.Asks.EVERY_CHANGE);
        return run(locks, r -> r.apply(book, hosts, plan, yes, RunOptions.defaults(2)));
    }

    @Test
    void planAndApplyShareOneLockPerHostAndNoOtherCommandGetsInBetween() throws Exception {
        RunResult applied;
        try (HeldLocks locks = locks(COMMAND)) {
            RunResult planned = plan(locks);
            assertThat(planned.ok()).isTrue();
            assertThat(flock.holders).as("held after the plan run ended").containsOnlyKeys("node01", "node02");

            // The moment a person reviews the plan: a second command is refused on every host, naming this one.
            try (HeldLocks second = locks(OTHER)) {
                for (InventoryHost h : hosts) {
                    assertThatThrownBy(() -> second.hold(flock.kept(fake.connect().open(h))))
                            .isInstanceOf(HostLockedException.class)
                            .hasMessageContaining("held by run " + COMMAND).hasMessageContaining("--break-lock " + COMMAND);
                }
            }
            RunResult secondRun = run(null, r -> r.run(book, hosts, RunOptions.defaults(2)));
            assertThat(secondRun.hosts()).allSatisfy(h -> assertThat(h.error()).contains("held by run " + COMMAND));

            applied = apply(locks, planned);
            assertThat(applied.ok()).as(String.valueOf(applied.hosts())).isTrue();
        }

        assertThat(flock.takes).as("one lock taken per host for plan and apply").containsOnly(
                Map.entry("node01", 1), Map.entry("node02", 1));
        assertThat(flock.holders).as("let go at the command's end").isEmpty();
        assertThat(fake.state.get("node01")).containsEntry("somaxconn", "65535");
        for (String host : List.of("node01", "node02")) {
            List<Command> commands = fake.connectors.get(host).commands();
            assertThat(commands).as(host).isNotEmpty().allSatisfy(c ->
                    assertThat(c.env()).as(c.brief()).containsEntry(HostLock.MARKER, COMMAND));
        }
        List<String> lockEvents = Files.readAllLines(home.resolve("runs").resolve(applied.runId()).resolve(Journal.FILE))
                .stream().filter(l -> l.contains("\"event\":\"lock\"")).toList();
        assertThat(lockEvents).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"lock_run\":\"" + COMMAND + "\"",
                "\"held\":\"held\""));
    }

    @Test
    void aLockLostWithItsConnectionIsTakenAgainOrTheHostIsRefusedNamingTheRunThatTookIt() {
        try (HeldLocks locks = locks(COMMAND)) {
            RunResult planned = plan(locks);
            // Both hosts' connections drop between plan and apply; node02 is taken by another command meanwhile.
            flock.drop("node01");
            flock.drop("node02");
            try (HeldLocks thief = locks(OTHER)) {
                thief.hold(flock.kept(fake.connect().open(hosts.get(1))));

                RunResult applied = apply(locks, planned);

                HostResult node01 = applied.hosts().get(0);
                HostResult node02 = applied.hosts().get(1);
                assertThat(node01.failed()).as(String.valueOf(node01)).isFalse();
                assertThat(fake.state.get("node01")).containsEntry("somaxconn", "65535");
                assertThat(node02.error()).contains("lost with its connection", "held by run " + OTHER);
                assertThat(fake.state.get("node02")).as("nothing ran on the host without the lock").doesNotContainKey("somaxconn");
                assertThat(flock.holders.get("node01")).contains(COMMAND);
            }
        }
        assertThat(flock.takes).containsEntry("node01", 2);
    }

    /**
     * The hosts' {@code flock}: one holder per host across every connection. A lock command started on a connection
     * answers as the real lock shell does ({@code locked}, or {@code busy} and the holder) and holds until its input
     * ends; {@link #drop} is its connection dropping. Every other command goes to the host.
     */
    static final class FakeFlock {
        final Map<String, String> holders = new ConcurrentHashMap<>();
        final Map<String, Integer> takes = new ConcurrentHashMap<>();
        private final Map<String, FakeLockShell> shells = new ConcurrentHashMap<>();

        Connector kept(Connector host) {
            return new ForwardingConnector(host) {
                @Override
                public RunningCommand start(Command command) {
                    if (!command.argv().contains("aistorctl-lock")) {
                        return super.start(command);
                    }
                    String json = command.argv().get(command.argv().indexOf("aistorctl-lock") + 3);
                    String held = holders.putIfAbsent(host(), json);
                    if (held != null) {
                        return new FakeLockShell(null, null, "busy\n" + held + "\n");
                    }
                    takes.merge(host(), 1, Integer::sum);
                    FakeLockShell shell = new FakeLockShell(host(), json, "locked\n");
                    shells.put(host(), shell);
                    return shell;
                }

                @Override
                public void close() {
                    // Kept: a run does not close it.
                }
            };
        }

        void drop(String host) {
            shells.remove(host).end();
        }

        private final class FakeLockShell implements RunningCommand {
            private final String host;
            private final String json;
            private final byte[] answer;
            private final AtomicInteger alive;

            FakeLockShell(String host, String json, String answer) {
                this.host = host;
                this.json = json;
                this.answer = answer.getBytes(StandardCharsets.UTF_8);
                this.alive = new AtomicInteger(host == null ? 0 : 1);
            }

            void end() {
                if (alive.getAndSet(0) == 1) {
                    holders.remove(host, json);
                }
            }

            @Override
            public OutputStream stdin() {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                    }

                    @Override
                    public void close() {
                        end();
                    }
                };
            }

            @Override
            public InputStream stdout() {
                return new ByteArrayInputStream(answer);
            }

            @Override
            public InputStream stderr() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public boolean isAlive() {
                return alive.get() == 1;
            }

            @Override
            public void close() {
                end();
            }
        }
    }
}
