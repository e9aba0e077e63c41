package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.core.Connector;
import dev.aistorctl.hwcheck.accept.S3Throughput;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.s3proxy.LocalS3Proxy;
import io.minio.MinioClient;
import io.minio.messages.Bucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
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
    @Test
    void everyAnsweringNodeIsLoadedMeasuredAndCleanedUpAndOneThatDoesNotIsNamed(@TempDir Path tmp) throws Exception {
        try (LocalS3Proxy server = LocalS3Proxy.start(tmp, USER, CREDENTIAL)) {
            everyAnsweringNodeIsLoaded(server);
        }
    }

    private static void everyAnsweringNodeIsLoaded(LocalS3Proxy server) throws Exception {
        int port = server.port();

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

        MinioClient client = server.client(USER, CREDENTIAL.reveal());
        assertThat(client.listBuckets()).extracting(Bucket::name).as("the run's bucket is removed").isEmpty();
        try (Stream<Path> left = Files.walk(server.basedir())) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("no object left in the store").isEmpty();
        }
    }

    @Test
    void aBucketOfThatNameAlreadyThereIsNeverWrittenTo(@TempDir Path tmp) throws Exception {
        try (LocalS3Proxy server = LocalS3Proxy.start(tmp, USER, CREDENTIAL)) {
            aBucketOfThatNameIsLeftAlone(server);
        }
    }

    private static void aBucketOfThatNameIsLeftAlone(LocalS3Proxy server) throws Exception {
        int port = server.port();
        S3Bench bench = new S3Bench(h -> {
            throw new IllegalStateException("no SSH");
        }, new S3Request(1 << 20, 1, 1), new S3Access(port, USER, CREDENTIAL, Flavour.S3PROXY));
        MinioClient client = server.client(USER, CREDENTIAL.reveal());
        client.makeBucket(io.minio.MakeBucketArgs.builder().bucket(bench.bucket()).build());

        S3Bench.Run run = bench.run(List.of(host("node1", "127.0.0.1")), new RecordingOutput());

        assertThat(run.nodes()).isEmpty();
        assertThat(run.unmeasured().get("node1")).contains("exists already");
        assertThat(client.listBuckets()).extracting(Bucket::name).as("someone else's bucket is left alone")
                .containsExactly(bench.bucket());
    }

    @Test
    void aNodeThatGoesAwayMidRunIsNamedNotMeasuredWithTheFailedRequestsAndGivesNoFigure(@TempDir Path tmp) throws Exception {
        LocalS3Proxy server = LocalS3Proxy.start(tmp, USER, CREDENTIAL);
        S3Bench bench = new S3Bench(h -> {
            throw new IllegalStateException("no SSH");
        }, new S3Request(1 << 20, 2, 20), new S3Access(server.port(), USER, CREDENTIAL, Flavour.S3PROXY));
        java.util.concurrent.CompletableFuture<S3Bench.Run> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> bench.run(List.of(host("node1", "127.0.0.1")), new RecordingOutput()));
        try {
            // The PUT phase has written into the store: the server goes away, as with a host that loses its power.
            Path bucketDir = server.basedir().resolve(bench.bucket());
            long end = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
            while (!hasObjects(bucketDir)) {
                assertThat(System.nanoTime()).as("the PUT phase wrote nothing within a minute").isLessThan(end);
                Thread.sleep(50);
            }
        } finally {
            server.close();
        }

        S3Bench.Run run = running.get(3, java.util.concurrent.TimeUnit.MINUTES);

        assertThat(run.nodes()).as("no throughput figure for a load that did not last").isEmpty();
        assertThat(run.aggregate()).isNull();
        assertThat(run.unmeasured()).containsOnlyKeys("node1");
        assertThat(run.unmeasured().get("node1")).startsWith("load not sustained: ").contains("PUT request", "failed");
        assertThat(run.problems()).as("the bucket it could not remove is named").anyMatch(p -> p.startsWith("node1: ")
                && p.contains(bench.bucket()));
    }

    private static boolean hasObjects(Path bucketDir) throws java.io.IOException {
        if (!Files.isDirectory(bucketDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(bucketDir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static InventoryHost host(String name, String address) {
        return new InventoryHost(name, address, "pool1", null, List.of("/mnt/drive1", "/mnt/drive2"));
    }
}
