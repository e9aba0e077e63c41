package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections through a {@link HandshakeGate}, against a real sshd and a port that accepts and never speaks
 * SSH (a frozen host): the connect timeout counts from the host's turn, and a timeout is tried once more only
 * when other hosts were waiting for a turn.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SshHandshakeGateTest {
    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static Path key;
    static Path knownHosts;

    private ServerSocket silent;
    private final AtomicInteger silentConnections = new AtomicInteger();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void keys() throws Exception {
        key = SSHD.newClientKey("ed25519", "", false);
        knownHosts = SSHD.writeKnownHosts(SSHD.dir().resolve("known_hosts"), false);
    }

    @BeforeEach
    void frozenHost() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.submit(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                    silentConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
        threads.shutdownNow();
    }

    private SshSettings frozen(Duration budget) {
        return settings("frozen", SSHD, key, knownHosts).port(silent.getLocalPort()).connectTimeout(budget).build();
    }

    private SshSettings alive(Duration budget) {
        return settings("alive", SSHD, key, knownHosts).connectTimeout(budget).build();
    }

    @Test
    void a_frozen_host_alone_fails_after_one_connect_timeout_without_a_retry() {
        HandshakeGate gate = new HandshakeGate(8);
        assertThatThrownBy(() -> SshConnector.connect(frozen(Duration.ofSeconds(1)), NO_PASSPHRASE, gate))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("frozen: connect to 127.0.0.1:" + silent.getLocalPort())
                .hasMessageContaining("within 1s (connect timeout)")
                .hasMessageNotContaining("tried twice");
        assertThat(silentConnections.get()).isEqualTo(1);
        assertThat(gate.free()).isEqualTo(8);
    }

    @Test
    void a_timeout_while_other_hosts_waited_is_tried_once_more_after_them_then_reported() throws Exception {
        HandshakeGate gate = new HandshakeGate(1);
        Future<?> frozenHost = threads.submit(() -> SshConnector.connect(frozen(Duration.ofSeconds(2)), NO_PASSPHRASE, gate));
        while (gate.free() > 0) {
            Thread.onSpinWait();
        }
        Future<SshConnector> aliveHost = threads.submit(() -> SshConnector.connect(alive(Duration.ofSeconds(30)), NO_PASSPHRASE, gate));
        while (gate.waiting() < 1 && !aliveHost.isDone()) {
            Thread.onSpinWait();
        }
        // The live host's turn comes when the frozen host's first attempt gives up its place.
        try (SshConnector c = aliveHost.get()) {
            assertThat(c.run(dev.aistorctl.core.Command.of("true")).ok()).isTrue();
        }
        assertThatThrownBy(frozenHost::get)
                .hasCauseInstanceOf(RemoteException.class)
                .cause()
                .hasMessageStartingWith("frozen: connect to 127.0.0.1:" + silent.getLocalPort())
                .hasMessageEndingWith("(connect timeout); tried twice, the first time while other hosts waited for a turn to connect");
        assertThat(silentConnections.get()).isEqualTo(2);
        assertThat(gate.free()).isEqualTo(1);
    }

    @Test
    void the_connect_timeout_counts_from_the_hosts_turn_not_from_its_start() throws Exception {
        HandshakeGate gate = new HandshakeGate(1);
        gate.enter();
        Future<SshConnector> aliveHost = threads.submit(() -> SshConnector.connect(alive(Duration.ofSeconds(3)), NO_PASSPHRASE, gate));
        while (gate.waiting() < 1) {
            Thread.onSpinWait();
        }
        // Longer than the host's whole connect timeout: counted from its start, it would have failed by now.
        Thread.sleep(4000);
        gate.leave();
        try (SshConnector c = aliveHost.get()) {
            assertThat(c.isConnected()).isTrue();
        }
        assertThat(gate.free()).isEqualTo(1);
    }
}
