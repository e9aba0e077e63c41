package dev.aistorctl.core.ssh;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Loads an identity file and decrypts it before any connection is made, so a wrong or missing passphrase
 * is reported as such (naming the key file) rather than as a failed login on every host.
 */
final class IdentityKey {
    private IdentityKey() {
    }

    static KeyProvider load(SSHClient client, Path keyFile, PassphraseSource passphrases) {
        if (!Files.isReadable(keyFile)) {
            throw new InvalidConfigException("identity key " + keyFile + " does not exist or is not readable");
        }
        Finder finder = new Finder(keyFile, passphrases);
        try {
            KeyProvider provider = client.loadKeys(keyFile.toString(), finder);
            provider.getPrivate(); // forces decryption now
            provider.getPublic();
            return provider;
        } catch (IOException | RuntimeException e) {
            if (finder.asked && !finder.supplied) {
                throw new InvalidConfigException("identity key " + keyFile + " is encrypted and there is "
                        + passphrases.describe() + ": set " + PassphraseSource.ENV + " or run from a terminal");
            }
            if (finder.asked) {
                passphrases.forget(keyFile);
                throw new InvalidConfigException("identity key " + keyFile + " could not be decrypted with "
                        + passphrases.describe() + ": wrong passphrase");
            }
            // SSHJ's messages name formats and algorithms, never key material.
            throw new InvalidConfigException("identity key " + keyFile + " cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** Hands SSHJ the passphrase once and remembers whether it asked, to tell "missing" from "wrong". */
    private static final class Finder implements PasswordFinder {
        private final Path keyFile;
        private final PassphraseSource source;
        private boolean asked;
        private boolean supplied;

        Finder(Path keyFile, PassphraseSource source) {
            this.keyFile = keyFile;
            this.source = source;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            asked = true;
            char[] p = source.passphraseFor(keyFile).orElse(null);
            supplied = p != null && p.length > 0;
            return supplied ? p : null;
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }
    }
}
