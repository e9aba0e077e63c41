package dev.aistorctl.playbooks.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.core.ssh.TestSshd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HostLockTest {
    @RegisterExtension
    static TestSshd sshd = new TestSshd();

    private static final Instant SINCE = Instant.parse("2026-11-25T15:19:00Z");
    /** How long a let-go lock may take to be free again: generous, since a loaded machine delays every process. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final LocalConnector first = new LocalConnector("node01");
    private final LocalConnector second = new LocalConnector("node01");

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private HostLock lock() {
        return new HostLock(dir.resolve("aistorctl.lock").toString());
    }

    private static LockHolder holder(String runId) {
        return new LockHolder(runId, "ctl01", "alice", 4242, SINCE);
    }

    @Test
    void a_second_run_is_refused_at_once_naming_the_run_that_holds_the_host() {
        HostLock lock = lock();
        try (HostLock.Held held = lock.acquire(first, holder("20261125T151900Z-ab12"))) {
            assertThat(held.isHeld()).isTrue();
            assertThat(Files.exists(Path.of(lock.holderPath()))).isTrue();

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> lock.acquire(second, holder("20261125T152000Z-cd34")))
                    .isInstanceOf(HostLockedException.class)
                    .hasMessageMatching("node01: take the run lock \\Q" + lock.path() + "\\E: held by run 20261125T151900Z-ab12"
                            + " \\(alice@ctl01, pid 4242\\) since 2026-11-25T15:19:00Z, \\d+h \\d\\dm ago;"
                            + " see what it is doing on ctl01 as alice: 'aistorctl runs list' there lists its runs and"
                            + " 'aistorctl runs show RUN_ID' each one's journal \\(in ~/.aistorctl/runs, or \\$AISTORCTL_HOME/runs\\);"
                            + " wait for that run to end"
                            + " \\(the lock is released when its connection closes\\), or if that run is gone, break its lock"
                            + " with --break-lock 20261125T151900Z-ab12");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(Files.exists(Path.of(lock.holderPath()))).as("holder file removed on release").isFalse();
        try (HostLock.Held again = lock.acquire(second, holder("20261125T152000Z-cd34"))) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void a_killed_controller_leaves_no_lock_behind() throws Exception {
        HostLock lock = lock();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), lock.path(), "20261125T151900Z-dead"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            ProcessHandle sleep = sleepOf(out.readLine());
            assertThatThrownBy(() -> lock.acquire(second, holder("20261125T152000Z-cd34")))
                    .hasMessageContaining("held by run 20261125T151900Z-dead");

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup of ours runs
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (HostLock.Held held = acquireWithin(lock, EVENTUALLY)) {
                assertThat(running(sleep)).as("the dead run's sleep was stopped before its lock was free").isFalse();
                assertThat(held.holder().runId()).isEqualTo("20261125T152000Z-cd34");
                assertThat(Files.readString(Path.of(lock.holderPath()))).contains("20261125T152000Z-cd34");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void over_ssh_the_lock_goes_with_the_connection(@TempDir Path tmp) throws Exception {
        HostLock lock = lock();
        Path key = sshd.newClientKey("ed25519", "", false);
        Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"), false);
        SshSettings settings = SshSettings.builder("node01", key, knownHosts).address(sshd.address())
                .port(sshd.port()).user("root").build();
        SshConnector a = SshConnector.connect(settings);
        lock.acquire(a, holder("20261125T151900Z-ab12"));
        try (SshConnector b = SshConnector.connect(settings)) {
            assertThatThrownBy(() -> lock.acquire(b, holder("20261125T152000Z-cd34")))
                    .isInstanceOf(HostLockedException.class)
                    .hasMessageContaining("held by run 20261125T151900Z-ab12");

            a.close(); // the connection drops without releasing the lock itself

            try (HostLock.Held held = acquireWithin(lock, b, EVENTUALLY)) {
                assertThat(held.isHeld()).isTrue();
            }
        }
    }

    @Test
    void a_stale_holder_file_without_a_lock_does_not_block() throws Exception {
        HostLock lock = lock();
        Files.writeString(Path.of(lock.holderPath()), "{\"run_id\":\"20261125T000000Z-0000\"}\n");
        try (HostLock.Held held = lock.acquire(first, holder("20261125T152000Z-cd34"))) {
            assertThat(Files.readString(Path.of(lock.holderPath()))).contains("20261125T152000Z-cd34");
        }
    }

    @Test
    void releasing_the_lock_stops_the_runs_marked_processes_first_and_no_other() throws Exception {
        HostLock lock = lock();
        ProcessHandle ours;
        ProcessHandle unmarked;
        ProcessHandle otherRun;
        try (HostLock.Held held = lock.acquire(first, holder("20261125T151900Z-ab12"))) {
            ours = sleep(new RunMarkedConnector(first, "20261125T151900Z-ab12"));
            unmarked = sleep(first);
            otherRun = sleep(new RunMarkedConnector(first, "20261125T151900Z-ab13"));
            assertThat(running(ours)).isTrue();
        }
        try {
            assertThat(running(ours)).as("the run's sleep is gone once close() returns").isFalse();
            assertThat(running(unmarked)).isTrue();
            assertThat(running(otherRun)).isTrue();
        } finally {
            unmarked.destroyForcibly();
            otherRun.destroyForcibly();
        }
    }

    @Test
    void every_command_of_the_run_carries_its_marker() {
        RunMarkedConnector marked = new RunMarkedConnector(first, "20261125T151900Z-ab12");
        assertThat(marked.run(dev.aistorctl.core.Command.of("sh", "-c", "echo $" + HostLock.MARKER)).stdoutText())
                .isEqualTo("20261125T151900Z-ab12\n");
        assertThat(marked.run(dev.aistorctl.core.Command.of("sh", "-c", "echo $" + HostLock.MARKER), Duration.ofSeconds(5)).stdoutText())
                .isEqualTo("20261125T151900Z-ab12\n");
    }

    @Test
    void a_controller_gone_silent_loses_the_lock_and_its_processes_after_the_silence_limit() throws Exception {
        HostLock lock = lock();
        Process child = holderJvm(lock, "20261125T151900Z-5109", "1000", "3000");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            ProcessHandle sleep = sleepOf(out.readLine());
            Thread.sleep(4000);
            assertThat(running(sleep)).as("heartbeats keep the lock past the silence limit").isTrue();

            // SIGSTOP: the controller's pipes stay open but it says nothing more, as over a half-open connection.
            new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).start().waitFor();
            long t0 = System.nanoTime();
            try (HostLock.Held held = acquireWithin(lock, EVENTUALLY)) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(running(sleep)).isFalse();
                assertThat(took).as("not before the silence limit").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void break_lock_with_another_run_id_is_refused_and_breaks_nothing() throws Exception {
        HostLock lock = lock();
        Process child = holderJvm(lock, "20261125T151900Z-aaaa");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            ProcessHandle sleep = sleepOf(out.readLine());

            assertThatThrownBy(() -> lock.breaking("20261125T151900Z-bbbb").acquire(second, holder("20261125T152000Z-cd34")))
                    .isInstanceOf(HostLockedException.class)
                    .hasMessageMatching("node01: take the run lock .*: --break-lock 20261125T151900Z-bbbb refused: the lock is"
                            + " held by run 20261125T151900Z-aaaa \\(.*@.*, pid " + child.pid() + "\\) since"
                            + " 2026-11-25T15:19:00Z, \\d+h \\d\\dm ago; nothing was broken");
            assertThat(running(sleep)).isTrue();
            assertThat(child.isAlive()).isTrue();
            assertThatThrownBy(() -> lock.acquire(second, holder("20261125T152000Z-cd34")))
                    .hasMessageContaining("held by run 20261125T151900Z-aaaa");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void break_lock_with_the_holders_run_id_stops_its_processes_and_takes_the_lock() throws Exception {
        HostLock lock = lock();
        Process child = holderJvm(lock, "20261125T151900Z-aaaa");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            ProcessHandle sleep = sleepOf(out.readLine());

            try (HostLock.Held held = lock.breaking("20261125T151900Z-aaaa").acquire(second, holder("20261125T152000Z-cd34"))) {
                assertThat(running(sleep)).isFalse();
                assertThat(held.broken()).map(LockHolder::runId).contains("20261125T151900Z-aaaa");
                assertThat(Files.readString(Path.of(lock.holderPath()))).contains("20261125T152000Z-cd34");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void held_locks_keep_no_thread_reading_their_shells() {
        // A command holds one lock per host for its whole length: hundreds of hosts must not mean hundreds of
        // threads blocked on the lock shells' output.
        List<LocalConnector> hosts = java.util.stream.IntStream.range(0, 8).mapToObj(i -> new LocalConnector("node0" + i)).toList();
        List<HostLock.Held> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < hosts.size(); i++) {
                held.add(new HostLock(dir.resolve("lock" + i).toString()).acquire(hosts.get(i), holder("20261125T151900Z-ab1" + i)));
            }
            assertThat(held).allMatch(HostLock.Held::isHeld);
            assertThat(Thread.getAllStackTraces().values()).noneMatch(stack -> java.util.Arrays.stream(stack)
                    .anyMatch(f -> f.getClassName().equals(HostLock.class.getName())));
        } finally {
            held.forEach(HostLock.Held::close);
            hosts.forEach(LocalConnector::close);
        }
    }

    @Test
    void a_lock_that_cannot_be_taken_says_why_in_the_shells_words() {
        HostLock lock = new HostLock(dir.resolve("no-such-directory/aistorctl.lock").toString());
        assertThatThrownBy(() -> lock.acquire(first, holder("20261125T151900Z-ab12")))
                .isInstanceOf(dev.aistorctl.core.RemoteException.class)
                .hasMessageContaining("node01: take the run lock " + lock.path())
                .hasMessageContaining("no-such-directory");
    }

    @Test
    void break_lock_takes_only_a_run_id() {
        assertThatThrownBy(() -> lock().breaking("x; rm -rf /")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a run id");
    }

    @Test
    void the_age_of_a_lock_reads_in_hours_minutes_or_seconds() {
        LockHolder h = holder("20261125T151900Z-ab12");
        assertThat(HostLockedException.age(h, SINCE.plusSeconds(12))).isEqualTo("12s");
        assertThat(HostLockedException.age(h, SINCE.plusSeconds(245))).isEqualTo("4m 05s");
        assertThat(HostLockedException.age(h, SINCE.plusSeconds(3 * 3600 + 720))).isEqualTo("3h 12m");
    }

    private Process holderJvm(HostLock lock, String... args) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), lock.path()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** A marked or unmarked {@code sleep 300} started through {@code c}. */
    private static ProcessHandle sleep(dev.aistorctl.core.Connector c) throws java.io.IOException {
        dev.aistorctl.core.RunningCommand r = c.start(dev.aistorctl.core.Command.of("sh", "-c", "echo $$; exec sleep 300"));
        return sleepOf("sleep " + new BufferedReader(new InputStreamReader(r.stdout(), StandardCharsets.UTF_8)).readLine());
    }

    /**
     * Whether {@code p} still runs: a process that was killed but whose parent has not collected it yet (a zombie)
     * has stopped, although {@link ProcessHandle#isAlive()} still says true.
     */
    static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            return p.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The process's line in /proc, for a failure to show. */
    static String stat(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/stat")).strip();
        } catch (java.io.IOException e) {
            return "gone";
        }
    }

    static ProcessHandle sleepOf(String line) {
        assertThat(line).startsWith("sleep ");
        return ProcessHandle.of(Long.parseLong(line.substring("sleep ".length()).strip())).orElseThrow();
    }

    private HostLock.Held acquireWithin(HostLock lock, Duration timeout) throws InterruptedException {
        return acquireWithin(lock, second, timeout);
    }

    private static HostLock.Held acquireWithin(HostLock lock, dev.aistorctl.core.Connector c, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return lock.acquire(c, holder("20261125T152000Z-cd34"));
            } catch (HostLockedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
