package dev.aistorctl.playbooks.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.core.ssh.TestSshd;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host lock over a real OpenSSH server, with the controller in a child JVM that the test kills or freezes: a
 * long {@code sleep} started under a run's lock never outlives that lock.
 */
class HostLockIT {
    @RegisterExtension
    static TestSshd sshd = new TestSshd();

    private static final String RUN = "20261125T151900Z-aaaa";

    @TempDir
    Path dir;

    private Path key;
    private Path knownHosts;
    private Process controller;
    private ProcessHandle sleep;

    @BeforeEach
    void keys() throws Exception {
        key = sshd.newClientKey("ed25519", "", false);
        knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"), false);
    }

    @AfterEach
    void cleanUp() {
        if (controller != null) {
            controller.destroyForcibly();
        }
        if (sleep != null) {
            sleep.destroyForcibly();
        }
    }

    private HostLock lock() {
        return new HostLock(dir.resolve("aistorctl.lock").toString());
    }

    private SshConnector connect() {
        return SshConnector.connect(SshSettings.builder("node01", key, knownHosts).address(sshd.address()).port(sshd.port())
                .user("root").keepaliveInterval(Duration.ofSeconds(2)).build());
    }

    /** A controller in a child JVM holding the lock over SSH with a marked {@code sleep 300} running under it. */
    private void startController(String... heartbeat) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SshLockHolderMain.class.getName(), Integer.toString(sshd.port()), key.toString(), knownHosts.toString(),
                lock().path(), RUN));
        argv.addAll(List.of(heartbeat));
        controller = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(controller.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("held");
        sleep = HostLockTest.sleepOf(out.readLine());
        assertThat(HostLockTest.running(sleep)).isTrue();
    }

    private static LockHolder next() {
        return new LockHolder("20261125T152000Z-cd34", "ctl02", "bob", 4343, Instant.parse("2026-11-25T15:20:00Z"));
    }

    @Test
    void the_runs_sleep_dies_before_the_lock_is_free_when_the_controller_is_killed() throws Exception {
        startController();
        try (SshConnector other = connect()) {
            assertThatThrownBy(() -> lock().acquire(other, next())).isInstanceOf(HostLockedException.class)
                    .hasMessageContaining("held by run " + RUN).hasMessageContaining("--break-lock " + RUN);

            controller.destroyForcibly(); // SIGKILL: the connection drops, nothing of ours runs on the controller
            assertThat(controller.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (HostLock.Held held = acquireWithin(lock(), other, Duration.ofSeconds(15))) {
                assertThat(HostLockTest.running(sleep)).as("the run's sleep was stopped before its lock was free: %s", HostLockTest.stat(sleep)).isFalse();
            }
        }
    }

    @Test
    void a_controller_gone_silent_on_an_open_connection_loses_its_lock_and_its_sleep_after_the_silence_limit() throws Exception {
        startController("1000", "3000");
        // SIGSTOP: the TCP connection stays open and says nothing, as a half-open connection does.
        new ProcessBuilder("kill", "-STOP", Long.toString(controller.pid())).start().waitFor();
        long t0 = System.nanoTime();
        try (SshConnector other = connect(); HostLock.Held held = acquireWithin(lock(), other, Duration.ofSeconds(20))) {
            assertThat(HostLockTest.running(sleep)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(12));
        }
    }

    @Test
    void break_lock_with_another_run_id_is_refused_and_with_the_holders_id_stops_its_sleep_and_takes_the_lock()
            throws Exception {
        startController();
        try (SshConnector other = connect()) {
            assertThatThrownBy(() -> lock().breaking("20261125T151900Z-bbbb").acquire(other, next()))
                    .isInstanceOf(HostLockedException.class)
                    .hasMessageContaining("--break-lock 20261125T151900Z-bbbb refused: the lock is held by run " + RUN)
                    .hasMessageContaining("nothing was broken");
            assertThat(HostLockTest.running(sleep)).isTrue();

            try (HostLock.Held held = lock().breaking(RUN).acquire(other, next())) {
                assertThat(held.broken()).map(LockHolder::runId).contains(RUN);
                assertThat(HostLockTest.running(sleep)).isFalse();
                // The broken run's own login is still up: it can no longer hold anything.
                assertThat(controller.isAlive()).isTrue();
            }
        }
    }

    @Test
    void the_controller_gives_up_a_silent_host_within_its_keepalive_bound() throws Exception {
        try (SshConnector c = connect()) {
            assertThat(c.run(Command.of("true")).exitCode()).isZero();
            List<ProcessHandle> sessions = sshd.process().descendants().toList();
            assertThat(sessions).isNotEmpty();
            for (ProcessHandle p : sessions) {
                new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor();
            }
            try {
                long t0 = System.nanoTime();
                while (c.isConnected() && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(200);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                // 2 s interval x 4 unanswered probes, plus one interval of slack.
                assertThat(c.isConnected()).isFalse();
                assertThat(took).isLessThan(Duration.ofSeconds(12));
            } finally {
                for (ProcessHandle p : sessions) {
                    new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
                }
            }
        }
    }

    private static HostLock.Held acquireWithin(HostLock lock, SshConnector c, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return lock.acquire(c, next());
            } catch (HostLockedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
