package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A target reached through a bastion: two real sshd, the target's transport inside a direct-tcpip channel. */
class SshJumpHostTest {
    @RegisterExtension
    static final TestSshd BASTION = new TestSshd().withConfig("LogLevel DEBUG1");

    @RegisterExtension
    static final TestSshd TARGET = new TestSshd();

    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void keys() throws Exception {
        key = TARGET.newClientKey("ed25519", "", false);
        BASTION.authorize(Path.of(key + ".pub"));
        knownHosts = TARGET.dir().resolve("known_hosts");
        Path b = BASTION.writeKnownHosts(BASTION.dir().resolve("kh"), false);
        Path t = TARGET.writeKnownHosts(TARGET.dir().resolve("kh"), false);
        Files.writeString(knownHosts, Files.readString(b) + Files.readString(t));
    }

    private static SshSettings.Builder viaBastion() {
        return settings("node1", TARGET, key, knownHosts)
                .jump(JumpHost.parse("root@" + BASTION.address() + ":" + BASTION.port(), "root"));
    }

    @Test
    void commands_reach_the_target_through_the_bastion() throws Exception {
        try (SshConnector ssh = SshConnector.connect(viaBastion().build(), NO_PASSPHRASE)) {
            ExecResult r = ssh.run(Command.script("echo \"$SSH_CONNECTION\""), Duration.ofSeconds(20));
            assertThat(r.stdoutText()).contains(" " + TARGET.port() + "\n");
            ssh.put("hello".getBytes(), TARGET.dir().resolve("via-jump.txt").toString(), 0600);
            assertThat(ssh.get(TARGET.dir().resolve("via-jump.txt").toString())).isEqualTo("hello".getBytes());
        }
        // The bastion opened the tunnel: its log names the target as the forwarding destination.
        assertThat(BASTION.log()).containsPattern("server_request_direct_tcpip:.*target 127\\.0\\.0\\.1 port " + TARGET.port());
        assertThat(BASTION.log()).contains("Accepted publickey for root");
    }

    @Test
    void the_bastion_key_is_verified_too(@TempDir Path dir) throws Exception {
        Path onlyTarget = TARGET.writeKnownHosts(dir.resolve("known_hosts"), false);
        SshSettings s = settings("node1", TARGET, key, onlyTarget)
                .jump(JumpHost.parse("root@" + BASTION.address() + ":" + BASTION.port(), "root")).build();
        assertThatThrownBy(() -> SshConnector.connect(s, NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: connect to jump host root@127.0.0.1:" + BASTION.port())
                .hasMessageContaining("host key of [127.0.0.1]:" + BASTION.port() + " is not in");
    }

    @Test
    void a_tunnel_to_a_closed_port_is_a_clear_error() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SshSettings s = viaBastion().port(closed).build();
        assertThatThrownBy(() -> SshConnector.connect(s, NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: open a tunnel from jump host root@127.0.0.1:" + BASTION.port()
                        + " to 127.0.0.1:" + closed);
    }

    @Test
    void a_chain_of_two_hops_goes_through_each_in_order() throws Exception {
        // The second hop is the target's sshd itself: reached only through the bastion, then asked for a
        // tunnel to its own port, so both sshd logs prove their part of the chain.
        JumpHost first = JumpHost.parse("root@" + BASTION.address() + ":" + BASTION.port(), "root");
        JumpHost second = JumpHost.parse("root@" + TARGET.address() + ":" + TARGET.port(), "root");
        SshSettings s = settings("node1", TARGET, key, knownHosts).jumps(java.util.List.of(first, second)).build();
        int before = TARGET.log().length();
        try (SshConnector ssh = SshConnector.connect(s, NO_PASSPHRASE)) {
            ExecResult r = ssh.run(Command.script("echo \"$SSH_CONNECTION\""), Duration.ofSeconds(20));
            assertThat(r.stdoutText()).contains(" " + TARGET.port() + "\n");
        }
        // Two logins on the target's sshd during this test: once as the second hop, once as the target.
        assertThat(TARGET.log().substring(before)).containsPattern("(?s)Accepted publickey for root.*Accepted publickey for root");
    }

    @Test
    void a_closed_second_hop_is_named_with_the_hop_before_it() throws Exception {
        int closed;
        try (java.net.ServerSocket sock = new java.net.ServerSocket(0)) {
            closed = sock.getLocalPort();
        }
        JumpHost first = JumpHost.parse("root@" + BASTION.address() + ":" + BASTION.port(), "root");
        JumpHost second = new JumpHost("root", "127.0.0.1", closed);
        SshSettings s = settings("node1", TARGET, key, knownHosts).jumps(java.util.List.of(first, second)).build();
        assertThatThrownBy(() -> SshConnector.connect(s, NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: open a tunnel from jump host root@127.0.0.1:" + BASTION.port()
                        + " to jump host root@127.0.0.1:" + closed);
    }

    @Test
    void jump_host_text_parses_user_host_and_port() {
        assertThat(JumpHost.parse("admin@bastion.example:2222", "root")).isEqualTo(new JumpHost("admin", "bastion.example", 2222));
        assertThat(JumpHost.parse("bastion", "ops")).isEqualTo(new JumpHost("ops", "bastion", 22));
        assertThat(JumpHost.parse("a@[fd00::1]:22", "root")).isEqualTo(new JumpHost("a", "fd00::1", 22));
        assertThatThrownBy(() -> JumpHost.parse("a@b:c", "root")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JumpHost.parse("a@b:70000", "root")).isInstanceOf(IllegalArgumentException.class);
    }
}
