package dev.aistorctl.core.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** Host key fingerprints exactly as {@code ssh-keygen -l} prints them, so a user can compare them by eye. */
public final class HostKeyFingerprint {
    private HostKeyFingerprint() {
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the key's SSH wire encoding. */
    public static String sha256(PublicKey key) {
        return sha256(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    /** The same for a key blob, e.g. the base64-decoded key field of a known_hosts line. */
    public static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
