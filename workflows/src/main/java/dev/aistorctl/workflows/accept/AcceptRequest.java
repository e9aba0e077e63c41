package dev.aistorctl.workflows.accept;

/** Which parts of accept to run and how hard, each null to leave that part out. */
public record AcceptRequest(DriveRequest drives, NetworkRequest network, S3Request s3) {

    /** Every part with accept's defaults, each phase or round bounded by {@code seconds}. */
    public static AcceptRequest every(long seconds) {
        return new AcceptRequest(DriveRequest.of(1L << 30, seconds), new NetworkRequest(seconds, 4), new S3Request(16L << 20, 8, seconds));
    }
}
