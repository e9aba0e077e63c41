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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Proves a node serves S3 as clients will use it: with the MinIO Java SDK and the root credential,
 * create a probe bucket, PUT an object of random bytes, GET it back, compare SHA-256, then delete
 * both. Random bytes so no layer can deduplicate or compress the proof away; a fresh bucket name per
 * probe so concurrent probes and leftovers of an interrupted one never collide.
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
        byte[] body = new byte[Math.toIntExact(bytes)];
        random.nextBytes(body);
        String wrote = sha256(body);
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
                    .stream(new ByteArrayInputStream(body), body.length, singlePart(body.length))
                    .contentType("application/octet-stream").build());
            objectWritten = true;
            put = Duration.ofNanos(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            MessageDigest d = Sha.digest();
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    d.update(buffer, 0, n);
                }
            }
            read = HexFormat.of().formatHex(d.digest());
            get = Duration.ofNanos(System.nanoTime() - t1);
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

    /**
     * One PUT for the whole object, as S3 allows up to 5 GiB: the SDK would otherwise split 64 MiB into 5 MiB
     * parts, and the server would write every byte twice (the parts, then the object they make).
     */
    static long singlePart(long size) {
        return Math.max(size, MIN_PART);
    }

    private static String sha256(byte[] body) {
        return HexFormat.of().formatHex(Sha.digest().digest(body));
    }

    private static final class Sha {
        static MessageDigest digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}
