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
                    .hasMessage("node01: take the run lock " + lock.path() + ": held by run 20261125T151900Z-ab12"
                            + " (alice@ctl01, pid 4242) since 2026-11-25T15:19:00Z; wait for that run to end"
                            + " (the lock is released when its connection closes)");
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
            assertThatThrownBy(() -> lock.acquire(second, holder("20261125T152000Z-cd34")))
                    .hasMessageContaining("held by run 20261125T151900Z-dead");

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup of ours runs
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (HostLock.Held held = acquireWithin(lock, Duration.ofSeconds(10))) {
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

            try (HostLock.Held held = acquireWithin(lock, b, Duration.ofSeconds(10))) {
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
