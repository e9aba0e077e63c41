package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.passphrase;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identity keys of every supported type and format, plain and encrypted, against a real sshd. */
class SshAuthTest {
    private static final String SECRET = "correct horse battery staple";

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static Path knownHosts;

    @BeforeAll
    static void knownHosts() throws Exception {
        knownHosts = SSHD.writeKnownHosts(SSHD.dir().resolve("known_hosts"), false);
    }

    @ParameterizedTest(name = "{0} key, {1} format")
    @CsvSource({"ed25519, openssh", "ecdsa, openssh", "rsa, openssh", "ecdsa, pem", "rsa, pem"})
    void logs_in_with_each_key_type_and_format(String type, String format) throws Exception {
        Path key = SSHD.newClientKey(type, "", format.equals("pem"));
        if (format.equals("pem")) {
            assertThat(Files.readString(key)).startsWith("-----BEGIN " + (type.equals("rsa") ? "RSA" : "EC") + " PRIVATE KEY-----");
        } else {
            assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        }
        try (SshConnector ssh = SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE)) {
            assertThat(ssh.run(Command.of("whoami"), Duration.ofSeconds(20)).stdoutText()).isEqualTo("root\n");
        }
    }

    @ParameterizedTest(name = "encrypted {0} key, {1} format")
    @CsvSource({"ed25519, openssh", "rsa, pem"})
    void an_encrypted_key_opens_with_the_passphrase_from_the_environment(String type, String format) throws Exception {
        Path key = SSHD.newClientKey(type, SECRET, format.equals("pem"));
        try (SshConnector ssh = SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), passphrase(SECRET))) {
            assertThat(ssh.run(Command.of("true"), Duration.ofSeconds(20)).ok()).isTrue();
        }
    }

    @ParameterizedTest(name = "encrypted {0} key, {1} format")
    @CsvSource({"ed25519, openssh", "rsa, pem"})
    void a_wrong_passphrase_is_reported_naming_the_key_file_but_not_the_passphrase(String type, String format)
            throws Exception {
        Path key = SSHD.newClientKey(type, SECRET, format.equals("pem"));
        String wrong = "not-the-passphrase-42";
        assertThatThrownBy(() -> SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), passphrase(wrong)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("wrong passphrase")
                .hasMessageContaining(PassphraseSource.ENV)
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void a_missing_passphrase_says_how_to_give_one() throws Exception {
        Path key = SSHD.newClientKey("ed25519", SECRET, false);
        assertThatThrownBy(() -> SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("is encrypted")
                .hasMessageContaining(PassphraseSource.ENV);
    }

    @Test
    void a_key_the_host_does_not_accept_is_a_clear_login_failure() throws Exception {
        Path key = SSHD.newClientKey("ed25519", "", false);
        Files.writeString(SSHD.authorizedKeys(), Files.readString(SSHD.authorizedKeys())
                .replace(Files.readString(Path.of(key + ".pub")).strip(), ""));
        assertThatThrownBy(() -> SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: log in to 127.0.0.1:" + SSHD.port() + " as root: ")
                .hasMessageContaining("public key login refused for the key " + key);
    }

    @Test
    void a_missing_key_file_is_a_config_error() {
        Path missing = SSHD.dir().resolve("no-such-key");
        assertThatThrownBy(() -> SshConnector.connect(settings("node1", SSHD, missing, knownHosts).build(), NO_PASSPHRASE))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(missing.toString());
    }
}
