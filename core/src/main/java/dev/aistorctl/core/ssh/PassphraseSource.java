package dev.aistorctl.core.ssh;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the passphrase of an encrypted identity key comes from: the {@value #ENV} environment variable,
 * else a prompt on the console when one is attached. A prompted passphrase is kept in memory for the
 * rest of the run, so a hundred hosts cost one prompt, not a hundred.
 */
public final class PassphraseSource {
    public static final String ENV = "AISTORCTL_KEY_PASSPHRASE";
    private static final PassphraseSource STANDARD = new PassphraseSource(System.getenv(), System.console());

    private final Map<String, String> environment;
    private final Console console;
    private final Map<Path, char[]> prompted = new ConcurrentHashMap<>();

    /** For tests and embedders: an explicit environment and console (null when none). */
    public PassphraseSource(Map<String, String> environment, Console console) {
        this.environment = Map.copyOf(environment);
        this.console = console;
    }

    /** The process environment and console. */
    public static PassphraseSource standard() {
        return STANDARD;
    }

    /** A copy of the passphrase for {@code keyFile}, or empty when none can be had. */
    public Optional<char[]> passphraseFor(Path keyFile) {
        String fromEnv = environment.get(ENV);
        if (fromEnv != null) {
            return Optional.of(fromEnv.toCharArray());
        }
        if (console == null) {
            return Optional.empty();
        }
        char[] p = prompted.computeIfAbsent(keyFile.toAbsolutePath(), k -> {
            synchronized (console) {
                char[] read = console.readPassword("Passphrase for %s: ", k);
                return read == null ? new char[0] : read;
            }
        });
        return Optional.of(p.clone());
    }

    /** Says where a passphrase would come from, for error messages (never the passphrase itself). */
    public String describe() {
        if (environment.containsKey(ENV)) {
            return "the passphrase from " + ENV;
        }
        return console == null ? "no passphrase (no " + ENV + " and no terminal to ask on)" : "the passphrase typed at the prompt";
    }

    /** Drops a prompted passphrase that turned out wrong, so the next attempt asks again. */
    void forget(Path keyFile) {
        char[] p = prompted.remove(keyFile.toAbsolutePath());
        if (p != null) {
            java.util.Arrays.fill(p, '\0');
        }
    }
}
