package dev.aistorctl.storagenode.minio;

import dev.aistorctl.storagenode.node.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A secret value resolved at apply time (the root password). It leaves this object only through
 * {@link #reveal()}, which the renderer of the one file that must hold it calls; {@link #toString()}
 * never shows it, so a secret that slips into a log line, an exception or a plan prints as
 * {@code <redacted>}.
 *
 * <p>{@link #digest()} gives a salted, slow hash that can be stored in a journal and later compared
 * with {@link #matches(String)}, so a step can tell "the password changed" without keeping or
 * printing it. PBKDF2 rather than a plain hash because root passwords are often short enough to
 * brute-force from a fast hash.
 */
public final class Secret {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Verdicts of {@link #matches}, least recently used first out. */
    private static final Map<String, Boolean> VERDICTS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1024;
        }
    };

    /** The digest made in this process for each value (keyed as {@link #VERDICTS} is), least recently used first out. */
    private static final Map<String, String> DIGESTS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 64;
        }
    };

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself, for the renderer of the file that must hold it and nothing else. */
    public String reveal() {
        return value;
    }

    public int length() {
        return value.codePointCount(0, value.length());
    }

    /**
     * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), with a random salt made for this value in this process.
     * A process digests a value once and gives every later caller the same digest: a provision stores the
     * cluster's one credential on every host, and a fresh salt per host cost one slow derivation per host (a
     * tenth of the controller's CPU for 8 hosts, more while the JIT has not yet compiled the hash), and again per
     * host in every converged re-run, whose comparisons now find the digest they already checked. What the
     * digests of one run share is what the inventory already says, that the cluster's hosts have one
     * credential; another run, and so any later credential, gets another salt.
     */
    public String digest() {
        String key = valueKey();
        synchronized (DIGESTS) {
            String known = DIGESTS.get(key);
            if (known != null) {
                return known;
            }
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        String derived = format(ITERATIONS, salt, derive(ITERATIONS, salt));
        String digest;
        synchronized (DIGESTS) {
            // Two threads may have derived at once; every caller gets the first one kept.
            digest = DIGESTS.computeIfAbsent(key, k -> derived);
        }
        remember(digest, true);
        return digest;
    }

    /**
     * Whether this secret is the one a {@link #digest()} was made from; constant time in the hash. The
     * answer is remembered for this process, as is every digest made here: a run compares the same digest
     * in a step's plan and verify, and the slow hash that protects a digest at rest would otherwise cost a
     * core for seconds on a large cluster. The memory is keyed by a fast hash of the value, which never
     * leaves the process.
     */
    public boolean matches(String digest) {
        synchronized (VERDICTS) {
            Boolean known = VERDICTS.get(verdictKey(digest));
            if (known != null) {
                return known;
            }
        }
        boolean verdict = derivedMatches(digest);
        remember(digest, verdict);
        return verdict;
    }

    private void remember(String digest, boolean verdict) {
        synchronized (VERDICTS) {
            VERDICTS.put(verdictKey(digest), verdict);
        }
    }

    private String verdictKey(String digest) {
        return digest + "|" + valueKey();
    }

    private String valueKey() {
        return Sha256.of(value.getBytes(StandardCharsets.UTF_8));
    }

    private boolean derivedMatches(String digest) {
        String[] parts = digest == null ? new String[0] : digest.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            throw new IllegalArgumentException("not a secret digest made by Secret.digest()");
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(iterations, salt));
    }

    private byte[] derive(int iterations, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(value.toCharArray(), salt, iterations, KEY_BITS);
            try {
                return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        }
    }

    private static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Equal values are equal secrets; compared in constant time so equality leaks no prefix. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant, so a hash table never becomes an oracle for the value. */
    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
