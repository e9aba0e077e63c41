package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Host key verification against known_hosts: unknown, accept-new, hashed entries, changed keys. */
class SshHostKeyTest {
    private static final Pattern PRESENTED = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) (SHA256:[A-Za-z0-9+/]{43})");

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static Path key;

    @BeforeAll
    static void key() throws Exception {
        key = SSHD.newClientKey("ed25519", "", false);
    }

    @Test
    void an_unknown_host_key_is_refused_with_the_fingerprint_ssh_keygen_shows(@TempDir Path dir) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE));
        assertThat(thrown).isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: connect to 127.0.0.1:" + SSHD.port() + ": host key of [127.0.0.1]:"
                        + SSHD.port() + " is not in " + knownHosts)
                .hasMessageContaining("--accept-new-host-keys");
        Matcher m = PRESENTED.matcher(thrown.getMessage());
        assertThat(m.find()).as(thrown.getMessage()).isTrue();
        assertThat(m.group(2)).isEqualTo(SSHD.hostKeyFingerprint(typeOf(m.group(1))));
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void accept_new_records_the_key_and_the_next_connection_needs_no_flag(@TempDir Path dir) throws Exception {
        Path knownHosts = dir.resolve("sub/known_hosts");
        SshSettings.Builder s = settings("node1", SSHD, key, knownHosts);
        try (SshConnector ssh = SshConnector.connect(s.acceptNewHostKeys(true).build(), NO_PASSPHRASE)) {
            assertThat(ssh.run(Command.of("true"), Duration.ofSeconds(20)).ok()).isTrue();
        }
        String recorded = Files.readString(knownHosts);
        assertThat(recorded).startsWith("[127.0.0.1]:" + SSHD.port() + " ").endsWith("\n");
        assertThat(recorded.lines()).hasSize(1);
        // ssh-keygen itself finds the recorded entry under the host:port name.
        assertThat(TestSshd.exec(java.util.List.of("ssh-keygen", "-F", "[127.0.0.1]:" + SSHD.port(), "-f",
                knownHosts.toString()))).contains("[127.0.0.1]:" + SSHD.port());
        try (SshConnector ssh = SshConnector.connect(s.acceptNewHostKeys(false).build(), NO_PASSPHRASE)) {
            assertThat(ssh.run(Command.of("true"), Duration.ofSeconds(20)).ok()).isTrue();
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(recorded);
    }

    @Test
    void hashed_known_hosts_entries_are_honoured(@TempDir Path dir) throws Exception {
        Path knownHosts = SSHD.writeKnownHosts(dir.resolve("known_hosts"), true);
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
        try (SshConnector ssh = SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE)) {
            assertThat(ssh.run(Command.of("true"), Duration.ofSeconds(20)).ok()).isTrue();
        }
    }

    @Test
    void an_entry_for_another_port_does_not_vouch_for_this_one(@TempDir Path dir) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        String pub = Files.readString(SSHD.hostKeyPub("ed25519")).strip();
        Files.writeString(knownHosts, "127.0.0.1 " + pub + "\n[127.0.0.1]:1 " + pub + "\n");
        assertThatThrownBy(() -> SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("is not in " + knownHosts);
    }

    @Test
    void a_changed_host_key_is_always_refused_showing_old_and_new_fingerprints(@TempDir Path dir) throws Exception {
        TestSshd sshd = new TestSshd();
        try {
            sshd.start();
            Path ownKey = sshd.newClientKey("ed25519", "", false);
            Path knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"), false);
            String[] oldPrints = new String[3];
            for (int i = 0; i < 3; i++) {
                oldPrints[i] = sshd.hostKeyFingerprint(TestSshd.HOST_KEY_TYPES.get(i));
            }
            sshd.restartWithNewHostKeys();
            String before = Files.readString(knownHosts);
            for (boolean acceptNew : new boolean[] {false, true}) {
                SshSettings s = settings("node1", sshd, ownKey, knownHosts).acceptNewHostKeys(acceptNew).build();
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> SshConnector.connect(s, NO_PASSPHRASE));
                assertThat(thrown).isInstanceOf(RemoteException.class)
                        .hasMessageContaining("HOST KEY CHANGED for [127.0.0.1]:" + sshd.port())
                        .hasMessageContaining("ssh-keygen -R");
                Matcher m = PRESENTED.matcher(thrown.getMessage().substring(thrown.getMessage().indexOf("now presents")));
                assertThat(m.find()).isTrue();
                String type = typeOf(m.group(1));
                assertThat(m.group(2)).isEqualTo(sshd.hostKeyFingerprint(type));
                assertThat(thrown.getMessage()).contains(oldPrints[TestSshd.HOST_KEY_TYPES.indexOf(type)]);
                assertThat(Files.readString(knownHosts)).isEqualTo(before);
            }
        } finally {
            sshd.close();
        }
    }

    private static String typeOf(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519" -> "ed25519";
            case "ecdsa-sha2-nistp256" -> "ecdsa";
            default -> "rsa";
        };
    }
}
