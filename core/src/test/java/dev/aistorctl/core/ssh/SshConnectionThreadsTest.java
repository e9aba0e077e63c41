package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RemoteException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an open connection costs the controller in threads, and the keepalive that now runs for every connection
 * from one thread: a command that keeps a connection to each of hundreds of hosts open must not keep a keepalive
 * thread and idle command pumps per host.
 */
class SshConnectionThreadsTest {
    private static final Duration T = Duration.ofSeconds(30);
    /** How long a frozen peer may take to be given up: four probes a second apart, on a loaded machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void keys() throws Exception {
        key = SSHD.newClientKey("ed25519", "", false);
        knownHosts = SSHD.writeKnownHosts(SSHD.dir().resolve("known_hosts"), false);
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void an_open_connection_keeps_one_reader_thread_and_no_keepalive_or_idle_pumps_of_its_own() {
        long sshjBefore = threads("sshj-");
        long pumpsBefore = threads("ssh-io");
        List<SshConnector> open = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                SshConnector c = SshConnector.connect(settings("node" + i, SSHD, key, knownHosts).build(), NO_PASSPHRASE);
                open.add(c);
                assertThat(c.run(Command.script("echo " + "x".repeat(10) + "; echo e >&2"), new byte[0], T).stdoutText())
                        .isEqualTo("xxxxxxxxxx\n");
            }
            // SSHJ's reader, one per connection; its keepalive thread is not started.
            assertThat(threads("sshj-") - sshjBefore).isEqualTo(6);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().contains("KeepAlive"));
            assertThat(threads("ssh-keepalive")).isEqualTo(1);
            // One command at a time: its three pumps are reused by the next host's, not three more per connection.
            assertThat(threads("ssh-io") - pumpsBefore).isLessThanOrEqualTo(4);
        } finally {
            open.forEach(SshConnector::close);
        }
    }

    @Test
    void a_peer_gone_silent_is_given_up_after_four_unanswered_keepalives() throws Exception {
        SshConnector c = SshConnector.connect(settings("node1", SSHD, key, knownHosts)
                .keepaliveInterval(Duration.ofSeconds(1)).build(), NO_PASSPHRASE);
        // The connection's own sshd process, frozen: the TCP connection stays up and answers nothing.
        List<ProcessHandle> children = SSHD.process().descendants().toList();
        try {
            assertThat(children).isNotEmpty();
            children.forEach(p -> signal("STOP", p));
            long deadline = System.nanoTime() + EVENTUALLY.toNanos();
            while (c.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(c.isConnected()).as("given up after the unanswered keepalives").isFalse();
            assertThatThrownBy(() -> c.run(Command.of("true"), new byte[0], T)).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("cannot open a session channel");
        } finally {
            children.forEach(p -> signal("CONT", p));
            c.close();
        }
    }

    @Test
    void a_peer_that_answers_keeps_its_connection_through_the_keepalives() throws Exception {
        SshConnector c = SshConnector.connect(settings("node1", SSHD, key, knownHosts)
                .keepaliveInterval(Duration.ofSeconds(1)).build(), NO_PASSPHRASE);
        try {
            // A command that outlasts more than four keepalive intervals, while the probes are answered.
            assertThat(c.run(Command.script("sleep 6; echo done"), new byte[0], T).stdoutText()).isEqualTo("done\n");
            assertThat(c.isConnected()).isTrue();
        } finally {
            c.close();
        }
    }

    private static void signal(String name, ProcessHandle p) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + name + " " + p.pid() + ": " + e.getMessage(), e);
        }
    }
}
