package dev.aistorctl.workflows.node;

import dev.aistorctl.storagenode.health.RoundTrip;

/**
 * One host of the cluster as {@code status} sees it.
 *
 * @param host           the inventory's name
 * @param live           whether the node answers its health endpoint
 * @param health         what the health endpoint said (or why it did not answer)
 * @param service        minio.service's state, or "unreachable" when the host could not be surveyed
 * @param binarySha256   the installed binary's SHA-256, empty when absent, null when unknown (host unreachable)
 * @param version        the binary's version line, empty when not known
 * @param drivesMounted  data drives mounted as XFS, null when unknown (host unreachable)
 * @param drivesExpected data drives the inventory gives the host
 * @param probe          the S3 round trip, null when none was made
 */
public record HostStatus(String host, boolean live, String health, String service, String binarySha256, String version,
                         Long drivesMounted, int drivesExpected, RoundTrip probe) {

    /** Whether the host could be surveyed: its service, binary and drives are known. */
    public boolean surveyed() {
        return drivesMounted != null;
    }

    /** Live and its S3 round trip verified: what a provision calls healthy. */
    public boolean proven() {
        return live && probe != null && probe.verified();
    }
}
