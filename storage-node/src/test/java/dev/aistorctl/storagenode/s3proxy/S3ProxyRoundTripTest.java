package dev.aistorctl.storagenode.s3proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Bucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void signedRoundTripAgainstS3ProxyStartedFromTheRenderedFiles(@TempDir Path tmp) throws Exception {
        Path jar = jar();
        Path basedir = Files.createDirectories(tmp.resolve("mnt/drive1/minio"));
        int port = freePort();
        S3ProxyProperties properties = new S3ProxyProperties(IDENTITY, "env:LAB_S3_SECRET", port, basedir.toString());
        Path file = tmp.resolve("s3proxy.properties");
        Files.writeString(file, properties.render(CREDENTIAL), StandardCharsets.ISO_8859_1);

        server = start(jar, file, tmp.resolve("s3proxy.log"));
        awaitPort(port, tmp.resolve("s3proxy.log"));

        MinioClient client = MinioClient.builder().endpoint("http://127.0.0.1:" + port).region("us-east-1")
                .credentials(IDENTITY, CREDENTIAL.reveal()).build();
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
        assertThat(basedir.resolve("aistor-check")).isDirectory();

        MinioClient wrong = MinioClient.builder().endpoint("http://127.0.0.1:" + port).region("us-east-1")
                .credentials(IDENTITY, "not-the-credential").build();
        assertThatThrownBy(() -> wrong.bucketExists(BucketExistsArgs.builder().bucket("aistor-check").build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    /** The unit's ExecStart, with the jar and properties at their local paths and this JVM's java. */
    private static Process start(Path jar, Path properties, Path log) throws IOException {
        List<String> argv = new ArrayList<>();
        for (String arg : S3ProxyUnit.execStart()) {
            argv.add(switch (arg) {
                case S3ProxyPaths.JAVA -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case S3ProxyPaths.JAR -> jar.toString();
                case S3ProxyPaths.PROPERTIES_FILE -> properties.toString();
                default -> arg;
            });
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Path jar() {
        String path = System.getProperty("aistorctl.s3proxy.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            fail("S3Proxy jar not found at " + path + "; it is a test dependency of storage-node: run the tests through Maven"
                    + " (mvn dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies fetches it)");
        }
        return Path.of(path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("S3Proxy exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail("S3Proxy did not listen on port " + port + " within 90 s:\n" + Files.readString(log));
    }
}
