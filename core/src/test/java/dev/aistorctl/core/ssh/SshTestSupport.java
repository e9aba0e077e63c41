package dev.aistorctl.core.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings and passphrase sources pointing at a {@link TestSshd}. */
public final class SshTestSupport {
    /** No environment and no console: an encrypted key cannot be opened. */
    public static final PassphraseSource NO_PASSPHRASE = new PassphraseSource(Map.of(), null);

    private SshTestSupport() {
    }

    public static SshSettings.Builder settings(String host, TestSshd sshd, Path identity, Path knownHosts) {
        return SshSettings.builder(host, identity, knownHosts)
                .address(sshd.address())
                .port(sshd.port())
                .user("root")
                .connectTimeout(Duration.ofSeconds(10))
                .keepaliveInterval(Duration.ofSeconds(5));
    }

    public static PassphraseSource passphrase(String value) {
        return new PassphraseSource(Map.of(PassphraseSource.ENV, value), null);
    }
}
