package dev.aistorctl.storagenode.health;

import java.time.Duration;

/**
 * One node's S3 proof: a probe bucket created, an object of {@code bytes} random bytes written and read
 * back identical (so with the same SHA-256), both deleted.
 *
 * @param error what failed, or null when the round trip was verified
 */
public record RoundTrip(String host, String endpoint, long bytes, String sha256Put, String sha256Get, Duration put,
                        Duration get, String error) {
    public boolean verified() {
        return error == null && sha256Put != null && sha256Put.equals(sha256Get);
    }

    /** e.g. {@code 64 MiB put 0.8s, get 0.5s, read back identical}. */
    public String summary() {
        if (!verified()) {
            return "FAILED: " + (error != null ? error : "read back sha256 " + sha256Get + " differs from written " + sha256Put);
        }
        return (bytes >> 20) + " MiB put " + seconds(put) + ", get " + seconds(get) + ", read back identical";
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
