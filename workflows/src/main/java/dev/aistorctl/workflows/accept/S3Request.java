package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.text.ByteSize;

/**
 * How hard to load the S3 endpoints: the size of every object, how many requests each node has in flight
 * at once, and how long the PUT phase and the GET phase each start new requests.
 */
public record S3Request(long objectBytes, int concurrency, long seconds) {
    /** The largest object one S3 PUT may carry. */
    static final long MAX_OBJECT = 5L << 30;

    /** What the controller holds at most: the SDK buffers every PUT in flight whole (to sign its SHA-256), on every node. */
    public long heapNeeded(int nodes) {
        return (long) nodes * concurrency * Math.max(objectBytes, 5L << 20) + Math.min(objectBytes, 16L << 20);
    }

    /**
     * The load as asked, refused (IllegalArgumentException) when a controller with {@code heap} bytes of memory could not
     * hold every PUT in flight on {@code nodes} nodes.
     */
    public static S3Request fitting(long objectBytes, int concurrency, long seconds, int nodes, long heap) {
        S3Request request = new S3Request(objectBytes, concurrency, seconds);
        if (request.heapNeeded(nodes) > heap * 0.7) {
            throw new IllegalArgumentException(nodes + " nodes x " + concurrency + " requests x " + ByteSize.precise(objectBytes)
                    + " in flight need " + ByteSize.precise(request.heapNeeded(nodes)) + " of memory, this JVM has "
                    + ByteSize.precise(heap) + ": lower --concurrency or --object-size, or raise -Xmx (AISTORCTL_JAVA_OPTS)");
        }
        return request;
    }

    public S3Request {
        if (objectBytes < 1 || objectBytes > MAX_OBJECT) {
            throw new IllegalArgumentException("--object-size must be between 1 B and 5 GiB (one S3 PUT), was " + objectBytes + " B");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 256, was " + concurrency);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("an S3 phase must last at least 1 s");
        }
    }
}
