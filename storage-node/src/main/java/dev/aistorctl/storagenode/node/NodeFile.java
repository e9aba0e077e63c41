package dev.aistorctl.storagenode.node;

import dev.aistorctl.storagenode.minio.ContentHash;
import dev.aistorctl.storagenode.minio.ManagedFile;
import dev.aistorctl.storagenode.minio.Secret;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration file a node must hold. A file that holds the root credential carries no text of
 * its own: only {@link #redacted()} (the same text with the credential masked, for plans, hashes and
 * the comparison with the host's copy) and a renderer that takes the credential at apply time.
 *
 * @param redacted     the content as plans may show it; the whole content when the file holds no secret
 * @param secretLine   for a secret-bearing file, the start of its credential line ({@code MINIO_ROOT_PASSWORD=}),
 *                     which the host masks before the file's text is read back
 * @param charset      how the file is written (S3Proxy reads properties as ISO-8859-1)
 * @param restarts     whether a change to it needs the service restarted (the unit needs a daemon-reload too)
 */
public record NodeFile(ManagedFile file, String redacted, Optional<String> secretLine,
                       Function<Secret, String> withSecret, Charset charset, boolean restarts) {

    public static NodeFile plain(ManagedFile file, String content, Charset charset) {
        return new NodeFile(file, content, Optional.empty(), s -> content, charset, true);
    }

    public static NodeFile secret(ManagedFile file, String redacted, String secretLine, Function<Secret, String> withSecret,
                                  Charset charset) {
        return new NodeFile(file, redacted, Optional.of(secretLine), withSecret, charset, true);
    }

    public boolean holdsSecret() {
        return secretLine.isPresent();
    }

    public String path() {
        return file.path();
    }

    /** Hash of {@link #redacted()}: changes with everything but the credential. */
    public String contentHash() {
        return ContentHash.sha256(redacted);
    }

    /** The bytes written to the host. Call only to write the file. */
    public byte[] bytes(Secret secret) {
        return withSecret.apply(secret).getBytes(charset);
    }

    /**
     * A script that prints the host's copy with the credential line masked exactly as {@link #redacted()}
     * masks it, so the credential never travels back to the controller.
     */
    public String maskedReadScript() {
        String prefix = secretLine.orElseThrow();
        // The prefix is our own fixed key; sed's only special characters in it would be '.', which matches itself too.
        return "sed 's|^" + prefix + ".*$|" + prefix + MASK + "|' " + file.path();
    }

    public static final String MASK = "<redacted>";
}
