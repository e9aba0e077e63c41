package dev.aistorctl.storagenode.s3proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Bucket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab flavour's configuration really serves S3: S3Proxy 2.6.0 is started exactly as the
 * rendered unit starts it, from the rendered properties (only the host paths and the port are
 * local), and the MinIO Java SDK makes signed (SigV4) requests against it.
 */
class S3ProxyRoundTripTest {
    private static final String IDENTITY = "aistoradmin";
    /** Characters a properties file must escape, to prove the credential arrives intact. */
    private static final Secret CREDENTIAL = Secret.of(" lab=S3cret:with#odd!chars\\and spaces");

    @Test
    void signedRoundTripAgainstS3ProxyStartedFromTheRenderedFiles(@TempDir Path tmp) throws Exception {
        try (LocalS3Proxy server = LocalS3Proxy.start(tmp, IDENTITY, CREDENTIAL)) {
            roundTrip(server);
        }
    }

    private static void roundTrip(LocalS3Proxy server) throws Exception {
        MinioClient client = server.client(IDENTITY, CREDENTIAL.reveal());
        assertThat(client.listBuckets()).isEmpty();
        client.makeBucket(MakeBucketArgs.builder().bucket("aistor-check").build());
        byte[] body = "written through the lab flavour\n".getBytes(StandardCharsets.UTF_8);
        client.putObject(PutObjectArgs.builder().bucket("aistor-check").object("dir/hello.txt")
                .stream(new ByteArrayInputStream(body), body.length, -1).contentType("text/plain").build());
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket("aistor-check").object("dir/hello.txt").build())) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        assertThat(client.listBuckets()).extracting(Bucket::name).containsExactly("aistor-check");
        // The filesystem backend keeps buckets under the drive's minio directory.
        assertThat(server.basedir().resolve("aistor-check")).isDirectory();

        MinioClient wrong = server.client(IDENTITY, "not-the-credential");
        assertThatThrownBy(() -> wrong.bucketExists(BucketExistsArgs.builder().bucket("aistor-check").build()))
                .isInstanceOf(ErrorResponseException.class);
    }
}
