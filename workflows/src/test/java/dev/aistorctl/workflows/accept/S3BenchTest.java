package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.core.Connector;
import dev.aistorctl.hwcheck.accept.S3Throughput;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import dev.aistorctl.storagenode.s3proxy.S3ProxyProperties;
import dev.aistorctl.storagenode.s3proxy.S3ProxyUnit;
import io.minio.MinioClient;
import io.minio.messages.Bucket;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 load against a real S3 server: S3Proxy, the lab flavour's, started as its unit starts it and bound to every
 * loopback address, so that 127.0.0.1 and 127.0.0.2 are two nodes of one cluster sharing their buckets (as MinIO's
 * do). A third node at an address where nothing answers is named as not loaded; the other two are loaded, measured
 * and cleaned up after. The hosts' SSH is not there: the NIC and drive probes fail and those figures stay unknown.
 */
class S3BenchTest {
    private static final String USER = "aistoradmin";
    private static final Secret CREDENTIAL = Secret.of("bench-S3cret/with+odd=chars");
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void everyAnsweringNodeIsLoadedMeasuredAndCleanedUpAndOneThatDoesNotIsNamed(@TempDir Path tmp) throws Exception {
        int port = freePort();
        Path basedir = Files.createDirectories(tmp.resolve("mnt/drive1/minio"));
        Path properties = tmp.resolve("s3proxy.properties");
        Files.writeString(properties, new S3ProxyProperties(USER, "env:BENCH", port, basedir.toString()).render(CREDENTIAL),
                StandardCharsets.ISO_8859_1);
        server = start(properties, tmp.resolve("s3proxy.log"));
        awaitPort(port, tmp.resolve("s3proxy.log"));

        // 192.0.2.0/24 is TEST-NET-1: nothing answers there, the connection attempt is cut at its bound.
        List<InventoryHost> hosts = List.of(host("node1", "127.0.0.1"), host("node2", "127.0.0.2"), host("node3", "192.0.2.1"));
        Function<String, Connector> noSsh = h -> {
            throw new IllegalStateException("no SSH in this test");
        };
        S3Bench bench = new S3Bench(noSsh, new S3Request(1 << 20, 3, 2),
                new S3Access(port, USER, CREDENTIAL, Flavour.S3PROXY));
        RecordingOutput progress = new RecordingOutput();

        S3Bench.Run run = bench.run(hosts, progress);

        assertThat(bench.bucket()).matches("aistorctl-accept-[0-9a-f]{12}");
        assertThat(run.unmeasured()).containsOnlyKeys("node3");
        assertThat(run.unmeasured().get("node3")).startsWith("cannot make bucket " + bench.bucket() + " at http://192.0.2.1:" + port);
        assertThat(run.problems()).isEmpty();
        assertThat(run.nodes()).extracting(S3Throughput::host).containsExactly("node1", "node2");
        for (S3Throughput n : run.nodes()) {
            assertThat(n.putMbps()).as(n.toString()).isPositive();
            assertThat(n.getMbps()).as(n.toString()).isPositive();
            assertThat(n.putObjects()).isPositive();
            assertThat(n.getObjects()).isPositive();
            assertThat(n.putP99Ms()).isGreaterThanOrEqualTo(n.putP50Ms()).isPositive();
            assertThat(n.getP99Ms()).isGreaterThanOrEqualTo(n.getP50Ms()).isPositive();
            assertThat(n.nicMbits()).isNull();
            assertThat(n.driveModels()).isNull();
            assertThat(n.mounts()).containsExactly("/mnt/drive1");
        }
        assertThat(run.aggregate().putObjects()).isEqualTo(run.nodes().stream().mapToLong(S3Throughput::putObjects).sum());
        assertThat(run.aggregate().putMbps()).isEqualTo(run.nodes().stream().mapToDouble(S3Throughput::putMbps).sum());
        assertThat(progress.all).anyMatch(l -> l.contains("PUT of 1 MiB objects, 3 at once on each of 2 nodes"));

        MinioClient client = MinioClient.builder().endpoint("http://127.0.0.1:" + port).region("us-east-1")
                .credentials(USER, CREDENTIAL.reveal()).build();
        assertThat(client.listBuckets()).extracting(Bucket::name).as("the run's bucket is removed").isEmpty();
        try (Stream<Path> left = Files.walk(basedir)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("no object left in the store").isEmpty();
        }
    }

    @Test
    void aBucketOfThatNameAlreadyThereIsNeverWrittenTo(@TempDir Path tmp) throws Exception {
        int port = freePort();
        Path basedir = Files.createDirectories(tmp.resolve("mnt/drive1/minio"));
        Path properties = tmp.resolve("s3proxy.properties");
        Files.writeString(properties, new S3ProxyProperties(USER, "env:BENCH", port, basedir.toString()).render(CREDENTIAL),
                StandardCharsets.ISO_8859_1);
        server = start(properties, tmp.resolve("s3proxy.log"));
        awaitPort(port, tmp.resolve("s3proxy.log"));
        S3Bench bench = new S3Bench(h -> {
            throw new IllegalStateException("no SSH");
        }, new S3Request(1 << 20, 1, 1), new S3Access(port, USER, CREDENTIAL, Flavour.S3PROXY));
        MinioClient client = MinioClient.builder().endpoint("http://127.0.0.1:" + port).region("us-east-1")
                .credentials(USER, CREDENTIAL.reveal()).build();
        client.makeBucket(io.minio.MakeBucketArgs.builder().bucket(bench.bucket()).build());

        S3Bench.Run run = bench.run(List.of(host("node1", "127.0.0.1")), new RecordingOutput());

        assertThat(run.nodes()).isEmpty();
        assertThat(run.unmeasured().get("node1")).contains("exists already");
        assertThat(client.listBuckets()).extracting(Bucket::name).as("someone else's bucket is left alone")
                .containsExactly(bench.bucket());
    }

    private static InventoryHost host(String name, String address) {
        return new InventoryHost(name, address, "pool1", null, List.of("/mnt/drive1", "/mnt/drive2"));
    }

    /** The unit's ExecStart, with the jar and properties at their local paths and this JVM's java. */
    private static Process start(Path properties, Path log) throws IOException {
        String jar = System.getProperty("aistorctl.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("S3Proxy jar not found at " + jar + "; it is a test dependency: run the tests through Maven");
        }
        List<String> argv = new ArrayList<>();
        for (String arg : S3ProxyUnit.execStart()) {
            argv.add(switch (arg) {
                case S3ProxyPaths.JAVA -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case S3ProxyPaths.JAR -> jar;
                case S3ProxyPaths.PROPERTIES_FILE -> properties.toString();
                default -> arg;
            });
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
