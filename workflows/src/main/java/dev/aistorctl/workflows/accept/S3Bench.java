package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.hwcheck.accept.Percentile;
import dev.aistorctl.hwcheck.accept.S3Throughput;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.health.Failures;
import dev.aistorctl.storagenode.health.S3Clients;
import dev.aistorctl.workflows.Output;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Loads every node's S3 API at once as warp does, through the MinIO Java SDK: a PUT phase, then a GET phase
 * of the objects it wrote, each node with {@code concurrency} requests in flight. A phase starts new
 * requests for {@code seconds}; a request still running {@code max(seconds, 10 s)} after it started is cut,
 * so a phase ends within that much after its bound. Everything happens in a bucket made for the run
 * ({@code aistorctl-accept-} and a random token), refused if it exists already, and every object and the
 * bucket are removed afterwards, whatever happened in between.
 */
final class S3Bench {
    static final String BUCKET_PREFIX = "aistorctl-accept-";
    /** What one object's bytes repeat: random, so that no layer compresses the load away. */
    private static final int BLOCK = 16 << 20;
    /** The smallest part size the SDK accepts; one PUT carries the whole object up to 5 GiB. */
    private static final long MIN_PART = 5L << 20;
    private static final Duration PROBE_LIMIT = Duration.ofMinutes(1);

    private final Function<String, Connector> connections;
    private final S3Request request;
    private final S3Access access;
    private final String bucket = BUCKET_PREFIX + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private final byte[] block;

    S3Bench(Function<String, Connector> connections, S3Request request, S3Access access) {
        this.connections = connections;
        this.request = request;
        this.access = access;
        this.block = new byte[(int) Math.min(BLOCK, request.objectBytes())];
        new SplittableRandom().nextBytes(block);
    }

    String bucket() {
        return bucket;
    }

    /** What the phases measured, the nodes that could not be loaded and why, and what went wrong on the way. */
    record Run(List<S3Throughput> nodes, S3Result.Aggregate aggregate, Map<String, String> unmeasured, List<String> problems) {
    }

    Run run(List<InventoryHost> hosts, Output output) {
        Map<String, Hardware> hardware = hardware(hosts);
        Duration cut = Duration.ofSeconds(Math.max(request.seconds(), 10));
        // The SDK sends every request through OkHttp's dispatcher, which holds back more than 5 at once per host and
        // 64 in all by default: it must let every worker's request through, or the load is the dispatcher's, not ours.
        int inFlight = request.concurrency() * hosts.size();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(request.concurrency());
        dispatcher.setMaxRequests(inFlight);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(cut).connectTimeout(Duration.ofSeconds(10)).dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(inFlight, 1, TimeUnit.MINUTES)).build();
        Map<String, String> unmeasured = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (InventoryHost h : hosts) {
            nodes.add(new Node(h, access.endpoint(h), S3Clients.client(access.endpoint(h), access.user(), access.credential(), http)));
        }
        List<Node> ready = new ArrayList<>();
        try {
            for (Node n : nodes) {
                String refused = makeBucket(n, n == nodes.get(0));
                if (refused != null) {
                    unmeasured.put(n.host.name(), refused);
                    if (n == nodes.get(0) && refused.contains("exists already")) {
                        return new Run(List.of(), null, unmeasured, problems);
                    }
                } else {
                    ready.add(n);
                }
            }
            if (!ready.isEmpty()) {
                output.progress("s3: PUT of " + ByteSize.whole(request.objectBytes()) + " objects, " + request.concurrency()
                        + " at once on each of " + ready.size() + " nodes, for " + request.seconds() + " s; bucket " + bucket);
                phase(ready, Phase.PUT, cut);
                List<Node> written = ready.stream().filter(n -> !n.written.isEmpty()).toList();
                ready.stream().filter(n -> n.written.isEmpty()).forEach(n -> problems.add(n.host.name()
                        + ": GET not measured: no PUT completed" + n.errors(Phase.PUT)));
                output.progress("s3: GET of the objects just written, " + request.concurrency() + " at once on each of "
                        + written.size() + " nodes, for " + request.seconds() + " s");
                phase(written, Phase.GET, cut);
            }
        } finally {
            cleanUp(nodes, problems);
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        List<S3Throughput> out = new ArrayList<>();
        List<Node> measured = new ArrayList<>();
        for (Node n : ready) {
            String broken = n.broken();
            if (broken != null) {
                // A worker stops at its first failed request: the node's figure would be that of a shorter, lighter
                // load, and a node that went down mid-run would read as a slow one. Not measured, with the cause.
                unmeasured.put(n.host.name(), broken);
                continue;
            }
            measured.add(n);
            Hardware hw = hardware.get(n.host.name());
            out.add(new S3Throughput(n.host.name(), n.endpoint, n.mbps(Phase.PUT), n.written.isEmpty() ? null : n.mbps(Phase.GET),
                    n.percentile(Phase.PUT, 50), n.percentile(Phase.PUT, 99), n.percentile(Phase.GET, 50), n.percentile(Phase.GET, 99),
                    n.latencies(Phase.PUT).size(), n.latencies(Phase.GET).size(), hw.nicMbits, access.servedMounts(n.host),
                    hw.driveModels));
        }
        return new Run(out, measured.isEmpty() ? null : aggregate(measured), unmeasured, problems);
    }

    private static S3Result.Aggregate aggregate(List<Node> nodes) {
        List<Double> put = nodes.stream().flatMap(n -> n.latencies(Phase.PUT).stream()).toList();
        List<Double> get = nodes.stream().flatMap(n -> n.latencies(Phase.GET).stream()).toList();
        return new S3Result.Aggregate(nodes.stream().mapToDouble(n -> n.mbps(Phase.PUT)).sum(),
                nodes.stream().filter(n -> !n.written.isEmpty()).mapToDouble(n -> n.mbps(Phase.GET)).sum(),
                put.isEmpty() ? null : Percentile.of(put, 50), put.isEmpty() ? null : Percentile.of(put, 99),
                get.isEmpty() ? null : Percentile.of(get, 50), get.isEmpty() ? null : Percentile.of(get, 99), put.size(), get.size());
    }

    /** Null when the bucket is there for this run; else why the node cannot be loaded. */
    private String makeBucket(Node n, boolean first) {
        try {
            if (n.client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                // A cluster shares its buckets: made through the first node, the others see it. A bucket there
                // before the run is someone else's: never written to.
                return first ? "bucket " + bucket + " exists already; accept loads only a bucket it made" : null;
            }
            n.client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            n.madeBucket = true;
            return null;
        } catch (Exception e) {
            return "cannot make bucket " + bucket + " at " + n.endpoint + ": " + Failures.describe(e);
        }
    }

    enum Phase { PUT, GET }

    /** Every worker of every node at once; returns when all have stopped. */
    private void phase(List<Node> nodes, Phase phase, Duration cut) {
        if (nodes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * request.concurrency());
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(request.seconds()).toNanos();
        nodes.forEach(n -> n.started(phase, start));
        for (Node n : nodes) {
            List<String> snapshot = List.copyOf(n.written);
            for (int w = 0; w < request.concurrency(); w++) {
                int worker = w;
                pool.execute(() -> work(n, phase, worker, deadline, snapshot));
            }
        }
        pool.shutdown();
        try {
            // Each request is cut by the HTTP client's call timeout: the pool ends within that of the deadline.
            if (!pool.awaitTermination(request.seconds() + cut.toSeconds() + 60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void work(Node n, Phase phase, int worker, long deadline, List<String> objects) {
        int seq = 0;
        try {
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                long bytes;
                if (phase == Phase.PUT) {
                    String name = n.host.name() + "/" + worker + "-" + seq;
                    n.client.putObject(PutObjectArgs.builder().bucket(bucket).object(name)
                            .stream(new RepeatingStream(block, request.objectBytes()), request.objectBytes(),
                                    Math.max(request.objectBytes(), MIN_PART))
                            .contentType("application/octet-stream").build());
                    n.written.add(name);
                    bytes = request.objectBytes();
                } else {
                    String name = objects.get((worker + seq * request.concurrency()) % objects.size());
                    bytes = 0;
                    byte[] buffer = new byte[1 << 16];
                    try (InputStream in = n.client.getObject(GetObjectArgs.builder().bucket(bucket).object(name).build())) {
                        int r;
                        while ((r = in.read(buffer)) > 0) {
                            bytes += r;
                        }
                    }
                }
                n.completed(phase, bytes, (System.nanoTime() - t0) / 1e6);
                seq++;
            }
        } catch (Exception e) {
            n.failed(phase, e);
        } finally {
            n.stopped(phase, System.nanoTime());
        }
    }

    /** Removes every object the run wrote, then the bucket on every node it was made through, each failure named. */
    private void cleanUp(List<Node> nodes, List<String> problems) {
        List<Node> makers = nodes.stream().filter(n -> n.madeBucket).toList();
        for (HostOutcome<List<String>> o : Fanout.run(makers, n -> n.host.name(), n -> {
            List<String> left = new ArrayList<>();
            for (Result<Item> r : n.client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                String name = r.get().objectName();
                try {
                    n.client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(name).build());
                } catch (Exception e) {
                    left.add(name + " (" + Failures.describe(e) + ")");
                }
            }
            n.client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
            return left;
        })) {
            if (!o.ok()) {
                problems.add(o.host() + ": bucket " + bucket + " not removed: " + o.error());
            } else if (!o.value().isEmpty()) {
                problems.add(o.host() + ": objects of bucket " + bucket + " not removed: " + String.join(", ", o.value()));
            }
        }
    }

    /** The speed the host's data NIC negotiated and the models of the drives its server writes to; null where unknown. */
    private record Hardware(Long nicMbits, List<String> driveModels) {
    }

    private Map<String, Hardware> hardware(List<InventoryHost> hosts) {
        Map<String, Hardware> out = new LinkedHashMap<>();
        for (HostOutcome<Hardware> o : Fanout.run(hosts, InventoryHost::name, h -> {
            try (Connector c = connections.apply(h.name())) {
                ExecResult net = c.run(NetworkScripts.probe(h.address(), 1), PROBE_LIMIT);
                Long speed = net.ok() ? NetworkBench.Probe.parse(h, net.stdoutText()).speed() : null;
                List<String> mounts = access.servedMounts(h);
                ExecResult drives = c.run(DriveScripts.probe(mounts), PROBE_LIMIT);
                List<String> models = null;
                if (drives.ok()) {
                    DriveBench.Probe p = DriveBench.Probe.parse(drives.stdoutText());
                    if (mounts.stream().allMatch(m -> p.mounts().get(m) != null && "ok".equals(p.mounts().get(m)[2]))) {
                        models = mounts.stream().map(m -> p.mounts().get(m)[5] == null ? "" : p.mounts().get(m)[5].strip()).toList();
                    }
                }
                return new Hardware(speed, models);
            }
        })) {
            out.put(o.host(), o.ok() ? o.value() : new Hardware(null, null));
        }
        return out;
    }

    /** One node's load: its client, the objects it wrote, and per phase what completed, when it ran and what failed. */
    private static final class Node {
        final InventoryHost host;
        final String endpoint;
        final MinioClient client;
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        volatile boolean madeBucket;
        private final Map<Phase, List<Double>> latencies = Map.of(Phase.PUT, Collections.synchronizedList(new ArrayList<>()),
                Phase.GET, Collections.synchronizedList(new ArrayList<>()));
        private final Map<Phase, AtomicLong> bytes = Map.of(Phase.PUT, new AtomicLong(), Phase.GET, new AtomicLong());
        private final Map<Phase, AtomicLong> start = Map.of(Phase.PUT, new AtomicLong(), Phase.GET, new AtomicLong());
        private final Map<Phase, AtomicLong> end = Map.of(Phase.PUT, new AtomicLong(), Phase.GET, new AtomicLong());
        private final Map<Phase, List<String>> failures = Map.of(Phase.PUT, Collections.synchronizedList(new ArrayList<>()),
                Phase.GET, Collections.synchronizedList(new ArrayList<>()));
        private final Map<Phase, AtomicLong> cut = Map.of(Phase.PUT, new AtomicLong(), Phase.GET, new AtomicLong());

        Node(InventoryHost host, String endpoint, MinioClient client) {
            this.host = host;
            this.endpoint = endpoint;
            this.client = client;
        }

        void started(Phase p, long at) {
            start.get(p).set(at);
        }

        void completed(Phase p, long b, double ms) {
            bytes.get(p).addAndGet(b);
            latencies.get(p).add(ms);
        }

        void stopped(Phase p, long at) {
            end.get(p).accumulateAndGet(at, Math::max);
        }

        /** A request cut at its bound ends the worker quietly (counted); any other failure is a problem of the node. */
        void failed(Phase p, Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root && !(root instanceof InterruptedIOException)) {
                root = root.getCause();
            }
            if (root instanceof InterruptedIOException) {
                cut.get(p).incrementAndGet();
            } else {
                failures.get(p).add(Failures.describe(e));
            }
        }

        List<Double> latencies(Phase p) {
            return List.copyOf(latencies.get(p));
        }

        /** Bytes of the requests that completed over the time from the phase's start until the node's last worker stopped. */
        double mbps(Phase p) {
            double seconds = (end.get(p).get() - start.get(p).get()) / 1e9;
            return seconds > 0 ? bytes.get(p).get() / seconds / 1e6 : 0;
        }

        Double percentile(Phase p, double pct) {
            List<Double> l = latencies(p);
            return l.isEmpty() ? null : Percentile.of(l, pct);
        }

        String errors(Phase p) {
            List<String> f = List.copyOf(failures.get(p));
            long c = cut.get(p).get();
            return (f.isEmpty() ? "" : "; " + f.get(0) + (f.size() > 1 ? " (and " + (f.size() - 1) + " more)" : ""))
                    + (c > 0 ? "; " + c + " request" + (c == 1 ? "" : "s") + " cut at the bound" : "");
        }

        /** Null when no request failed; else how many failed in each phase, and the first failure of each. */
        String broken() {
            List<String> why = new ArrayList<>();
            for (Phase p : Phase.values()) {
                List<String> f = List.copyOf(failures.get(p));
                if (!f.isEmpty()) {
                    why.add(f.size() + " " + p + " request" + (f.size() == 1 ? "" : "s") + " failed, each stopping its worker: " + f.get(0));
                }
            }
            return why.isEmpty() ? null : "load not sustained: " + String.join("; ", why);
        }
    }
}
