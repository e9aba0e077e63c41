package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.Json;
import dev.aistorctl.hwcheck.accept.DriveGates;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.accept.NetworkGates;
import dev.aistorctl.hwcheck.accept.S3Gates;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Acceptance: measures what the hardware delivers on every host (its data drives, then the data
 * network between the hosts, then every node's S3 API loaded at once) and judges it against the profile's figures and against the peers. Hosts
 * are measured in parallel; one that cannot be measured is named and never stops the others.
 */
public final class Accept {
    public static final String FILE = "accept.json";
    /** The rule of the finding that says why a host's S3 was not measured when accept ran with every part. */
    public static final String S3_NODE_RULE = "accept.s3_node";

    private Accept() {
    }

    /**
     * @param drives  how to test the drives, null to leave them out
     * @param network how to test the network, null to leave it out
     * @param s3       how to load the S3 endpoints, null to leave them out; then {@code access} may be null
     * @param parallel how many hosts' drives at once; a network round always runs on every host at once
     */
    public static AcceptResult run(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> connections,
                                   DriveRequest drives, NetworkRequest network, S3Request s3, S3Access access, int parallel,
                                   Output output) {
        return run(profile, hosts, connections, drives, network, s3 == null ? null : new S3Part(s3, () -> access, false), parallel,
                output);
    }

    /**
     * How to run the S3 part: the load, how to reach the nodes (the credential is read only when a node is loaded),
     * and whether a host that runs no node is skipped with a SKIP finding (accept with no part named, which must work
     * on hosts where nothing is installed yet) rather than named as not measured (the S3 part asked for by name).
     */
    public record S3Part(S3Request request, Supplier<S3Access> access, boolean onlyWhereRunning) {
    }

    /** As above, with the S3 part described by {@code s3} (null to leave it out). */
    public static AcceptResult run(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> connections,
                                   DriveRequest drives, NetworkRequest network, S3Part s3, int parallel, Output output) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        hosts.forEach(h -> findings.put(h.name(), new ArrayList<>()));
        Map<String, String> unmeasured = new LinkedHashMap<>();
        List<HostDrives> measured = new ArrayList<>();
        if (drives != null) {
            long start = System.nanoTime();
            measured.addAll(drives(hosts, connections, drives, parallel, output, unmeasured));
            seconds.put("drives", (System.nanoTime() - start) / 1e9);
            List<DriveThroughput> all = measured.stream().flatMap(h -> h.drives().stream()).toList();
            DriveGates.judge(profile, all).forEach((host, f) -> findings.get(host).addAll(f));
        }
        NetworkResult net = null;
        if (network != null) {
            long start = System.nanoTime();
            net = new NetworkBench(connections, network).run(hosts, output);
            seconds.put("network", (System.nanoTime() - start) / 1e9);
            net.unmeasured().forEach((host, why) -> unmeasured.merge(host, "network: " + why, (a, b) -> a + "; " + b));
            NetworkGates.judge(profile, net.hosts()).forEach((host, f) -> findings.get(host).addAll(f));
        }
        S3Result s3Result = null;
        if (s3 != null) {
            long start = System.nanoTime();
            s3Result = s3(profile, hosts, connections, s3, output, findings, unmeasured);
            seconds.put("s3", (System.nanoTime() - start) / 1e9);
        }
        return new AcceptResult(profile.name(), measured, net, s3Result, findings, unmeasured, seconds);
    }

    /**
     * Loads every node's S3 API, judges it with the other parts' findings at hand for the hints, and adds the findings.
     * With {@code onlyWhereRunning}, a host that runs no node (or whose credential cannot be read) gets a SKIP finding
     * saying why, and is not loaded.
     */
    private static S3Result s3(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> connections,
                               S3Part part, Output output, Map<String, List<Finding>> findings, Map<String, String> unmeasured) {
        S3Request s3 = part.request();
        Map<String, String> skipped = new LinkedHashMap<>();
        if (part.onlyWhereRunning()) {
            skipped.putAll(NodePresence.notRunning(hosts, connections));
        }
        List<InventoryHost> loaded = hosts.stream().filter(h -> !skipped.containsKey(h.name())).toList();
        if (part.onlyWhereRunning() && !loaded.isEmpty()) {
            // Named, the part refuses a load the controller cannot hold before anything starts; with every part it
            // must not stop the drives and network of a large cluster, so the nodes that run are skipped instead.
            try {
                S3Request.fitting(s3.objectBytes(), s3.concurrency(), s3.seconds(), loaded.size(), Runtime.getRuntime().maxMemory());
            } catch (IllegalArgumentException e) {
                loaded.forEach(h -> skipped.put(h.name(), "the S3 load does not fit this controller: " + e.getMessage()));
                loaded = List.of();
            }
        }
        S3Access access = null;
        if (!loaded.isEmpty()) {
            try {
                access = part.access().get();
            } catch (InvalidConfigException e) {
                if (!part.onlyWhereRunning()) {
                    throw e;
                }
                // The message names where the credential is kept (a variable, a file), never its value.
                loaded.forEach(h -> skipped.put(h.name(), "the nodes' root credential cannot be read: " + e.getMessage()));
                loaded = List.of();
            }
        }
        skipped(hosts, skipped, output).forEach((host, f) -> findings.get(host).add(f));
        if (loaded.isEmpty()) {
            return new S3Result(null, s3.objectBytes(), s3.concurrency(), s3.seconds(), List.of(), null, Map.of(), List.of(), skipped);
        }
        S3Bench bench = new S3Bench(connections, s3, access);
        S3Bench.Run run = bench.run(loaded, output);
        run.unmeasured().forEach((host, why) -> unmeasured.merge(host, "s3: " + why, (a, b) -> a + "; " + b));
        Map<String, List<Finding>> others = new LinkedHashMap<>();
        findings.forEach((host, f) -> others.put(host, List.copyOf(f)));
        List<S3Gates.Judged> judged = S3Gates.judge(profile, run.nodes(), s3.concurrency(), others);
        S3Gates.byHost(judged).forEach((host, f) -> findings.get(host).addAll(f));
        List<S3Result.Node> nodes = new ArrayList<>();
        for (S3Gates.Judged j : judged) {
            S3Gates.Expectation e = S3Gates.expectation(profile, j.node());
            nodes.add(new S3Result.Node(j.node(), e.putMbps().orElse(null), e.getMbps().orElse(null), j.put(), j.get()));
        }
        return new S3Result(bench.bucket(), s3.objectBytes(), s3.concurrency(), s3.seconds(), nodes, run.aggregate(),
                run.unmeasured(), run.problems(), skipped);
    }

    /** One SKIP finding per host the S3 part did not load, saying why; about the host as a whole (no device). */
    static Map<String, Finding> skipped(List<InventoryHost> hosts, Map<String, String> why, Output output) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (InventoryHost h : hosts) {
            String reason = why.get(h.name());
            if (reason != null) {
                output.progress("s3: " + h.name() + " skipped: " + reason);
                out.put(h.name(), new Finding(S3_NODE_RULE, Severity.SKIP, "a storage node running on the host",
                        reason.startsWith("no storage node installed") ? "not installed"
                                : reason.startsWith("the storage node is not running") ? "not running" : "not loaded",
                        h.name() + ": S3 not measured: " + reason, null, null));
            }
        }
        return out;
    }

    private static List<HostDrives> drives(List<InventoryHost> hosts, Function<String, Connector> connections, DriveRequest drives,
                                           int parallel, Output output, Map<String, String> unmeasured) {
        output.progress("drives: write then read " + (drives.sizeBytes() >> 20) + " MiB with direct I/O on every data drive of "
                + hosts.size() + " hosts, all at once (≤ " + drives.togetherSeconds() + " s a pass), then each alone (≤ "
                + drives.aloneSeconds() + " s)");
        List<HostOutcome<HostDrives>> outcomes = Fanout.run(hosts, InventoryHost::name, parallel, h -> {
            try (Connector c = connections.apply(h.name())) {
                HostDrives d = new DriveBench(c, drives).run(h.mountPaths());
                output.progress(h.name() + ": drives measured with " + d.tool() + " in " + Math.round(d.seconds()) + " s");
                return d;
            }
        }, FanoutListener.NONE);
        List<HostDrives> measured = new ArrayList<>();
        for (HostOutcome<HostDrives> o : outcomes) {
            if (o.ok()) {
                measured.add(o.value());
            } else {
                unmeasured.put(o.host(), o.error());
            }
        }
        return measured;
    }

    /** Writes accept.json into the run's directory. */
    public static Path write(AcceptResult result, Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
            Files.writeString(file, Json.pretty().writeValueAsString(result) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
