package dev.aistorctl.storagenode.health;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Proves a node serves S3 as clients will use it: with the MinIO Java SDK and the root credential,
 * create a probe bucket, PUT an object of random bytes, GET it back and compare it with what was written, then delete
 * both. Random bytes so no layer can deduplicate or compress the proof away; a fresh bucket name per
 * probe so concurrent probes and leftovers of an interrupted one never collide. The nodes of one round trip share
 * one body, made when the first node is proven: each node's object lives in a bucket whose name is that probe's
 * alone, so what a node reads back can only be what was written through it, and the same random bytes prove each
 * node as well as fresh ones would; the controller makes and hashes 64 MiB once instead of once per node.
 */
public final class S3RoundTrip {
    public static final long DEFAULT_BYTES = 64L << 20;
    private static final String BUCKET_PREFIX = "aistorctl-probe-";

    /** The smallest part size the SDK accepts. */
    private static final long MIN_PART = 5L << 20;

    private final int port;
    private final String user;
    private final Secret credential;
    private final long bytes;
    private ProofBody body;

    public S3RoundTrip(int port, String user, Secret credential, long bytes) {
        this.port = port;
        this.user = user;
        this.credential = credential;
        this.bytes = bytes;
    }

    public RoundTrip run(HealthProbe.Target target) {
        String endpoint = HealthProbe.url(target.address(), port);
        SplittableRandom random = new SplittableRandom();
        String bucket = BUCKET_PREFIX + Long.toHexString(random.nextLong() >>> 1);
        String object = "probe.bin";
        ProofBody body = body();
        String wrote = body.sha256();
        byte[] written = body.bytes();
        MinioClient client = S3Clients.client(endpoint, user, credential);
        long t0 = System.nanoTime();
        Duration put = Duration.ZERO;
        Duration get = Duration.ZERO;
        String read = null;
        String error = null;
        boolean bucketMade = false;
        boolean objectWritten = false;
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            bucketMade = true;
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(object)
                    .stream(new ByteArrayInputStream(written), written.length, singlePart(written.length))
                    .contentType("application/octet-stream").build());
            objectWritten = true;
            put = Duration.ofNanos(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            String differs;
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
                differs = body.mismatch(in);
            }
            get = Duration.ofNanos(System.nanoTime() - t1);
            // The same bytes as written, so the same SHA-256.
            read = differs == null ? wrote : null;
            error = differs;
        } catch (Exception e) {
            error = Failures.describe(e);
        } finally {
            try {
                if (objectWritten) {
                    client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(object).build());
                }
                if (bucketMade) {
                    client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
                }
            } catch (Exception e) {
                error = error != null ? error : "clean-up of bucket " + bucket + " failed: " + Failures.describe(e);
            }
        }
        return new RoundTrip(target.host(), endpoint, bytes, wrote, read, put, get, error);
    }

    private synchronized ProofBody body() {
        if (body == null) {
            body = ProofBody.random(Math.toIntExact(bytes), new SplittableRandom());
        }
        return body;
    }

    /**
     * One PUT for the whole object, as S3 allows up to 5 GiB: the SDK would otherwise split 64 MiB into 5 MiB
     * parts, and the server would write every byte twice (the parts, then the object they make).
     */
    static long singlePart(long size) {
        return Math.max(size, MIN_PART);
    }
}
