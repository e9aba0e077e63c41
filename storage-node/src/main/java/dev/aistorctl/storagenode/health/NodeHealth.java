package dev.aistorctl.storagenode.health;

/**
 * One node's answer to its flavour's health probe.
 *
 * @param endpoint what was asked, e.g. {@code http://10.0.0.11:9000/minio/health/live}
 * @param detail   what answered (or failed), e.g. {@code 200 OK} or {@code connection refused}
 */
public record NodeHealth(String host, String endpoint, boolean healthy, String detail) {
    public static NodeHealth up(String host, String endpoint, String detail) {
        return new NodeHealth(host, endpoint, true, detail);
    }

    public static NodeHealth down(String host, String endpoint, String detail) {
        return new NodeHealth(host, endpoint, false, detail);
    }
}
