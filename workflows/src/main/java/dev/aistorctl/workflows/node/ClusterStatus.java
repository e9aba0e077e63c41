package dev.aistorctl.workflows.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.HealthProbe;
import dev.aistorctl.storagenode.health.MountWait;
import dev.aistorctl.storagenode.health.NodeHealth;
import dev.aistorctl.storagenode.health.RoundTrip;
import dev.aistorctl.storagenode.health.S3RoundTrip;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.preflight.MountSurvey;
import dev.aistorctl.storagenode.preflight.NodeSurvey;
import dev.aistorctl.storagenode.preflight.Preflight;
import dev.aistorctl.storagenode.preflight.PreflightFinding;
import dev.aistorctl.workflows.Output;

/**
 * The storage cluster now, as {@code status} shows it: per host the service, binary, drives and liveness,
 * the cluster's health and capacity and, with a probe, a signed S3 round trip on every node. Its JSON
 * and its text are renderings of this record ({@link ClusterStatusJson}, {@link ClusterStatusText}),
 * both redacted.
 *
 * @param problems   everything wrong, one line each, not yet redacted
 * @param capacityNote how the usable capacity was reckoned
 */
public record ClusterStatus(String cluster, Flavour flavour, List<HostStatus> hosts, boolean probed, ClusterHealth health,
                            long rawBytes, long usableBytes, String capacityNote, List<String> problems, Redactor redactor) {

    /** Every node up, healthy and, when probed, proven; nothing wrong. */
    public boolean ok() {
        return problems.isEmpty() && health.healthy();
    }

    /** The problems as they may be printed: every secret masked. */
    public List<String> redactedProblems() {
        return redactor.redact(problems);
    }

    /** The document of {@code status -o json} (redacted). */
    public com.fasterxml.jackson.databind.node.ObjectNode json() {
        return ClusterStatusJson.of(this);
    }

    /** The text of {@code status} (redacted), coloured as {@code output} styles it. */
    public String text(Output output) {
        return ClusterStatusText.of(this, output);
    }

    /** Reads every node; {@code probeBytes} > 0 also makes the S3 round trip of that size on each. */
    public static ClusterStatus read(NodeCluster cluster, Output output, long probeBytes) {
        return read(cluster, output, probeBytes, FanoutListener.NONE);
    }

    /** As {@link #read(NodeCluster, Output, long)}; {@code roundTrips} hears each node's S3 round trip begin and end. */
    public static ClusterStatus read(NodeCluster cluster, Output output, long probeBytes, FanoutListener roundTrips) {
        boolean probe = probeBytes > 0;
        Inventory inventory = cluster.inventory;
        boolean minio = inventory.node().flavour() == Flavour.MINIO;
        Secret credential = cluster.credential();

        Map<String, NodeSurvey> surveys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (HostOutcome<NodeSurvey> o : cluster.surveys()) {
            if (o.ok()) {
                surveys.put(o.host(), o.value());
            } else {
                problems.add(cluster.redactor.redact(o.error()));
            }
        }
        Map<String, String> versions = minio ? versions(cluster) : Map.of();
        ClusterHealth health = cluster.probe(credential).probe(cluster.targets());
        Map<String, RoundTrip> trips = probe ? roundTrips(cluster, output, credential, probeBytes, roundTrips) : Map.of();

        List<HostStatus> hosts = new ArrayList<>();
        long raw = 0;
        long s3proxyServed = 0;
        for (InventoryHost h : cluster.hosts) {
            NodeSurvey s = surveys.get(h.name());
            NodeHealth n = health.nodes().stream().filter(x -> x.host().equals(h.name())).findFirst().orElseThrow();
            // An unreachable host's binary and drives are unknown, not absent: null, and one problem, not three.
            String service = s == null ? "unreachable" : s.serviceState();
            Long mounted = s == null ? null : s.mountedXfs();
            int expected = h.mountPaths().size();
            RoundTrip t = trips.get(h.name());
            hosts.add(new HostStatus(h.name(), n.healthy(), n.detail(), service, s == null ? null : s.binarySha256(),
                    versions.getOrDefault(h.name(), ""), mounted, expected, t));
            if (s != null) {
                for (MountSurvey m : s.mounts()) {
                    if (m.mounted() && m.sizeBytes() > 0) {
                        raw += m.sizeBytes();
                    }
                }
                if (!s.mounts().isEmpty() && s.mounts().get(0).mounted()) {
                    s3proxyServed += Math.max(0, s.mounts().get(0).sizeBytes());
                }
                if (!"active".equals(service)) {
                    problems.add(h.name() + ": " + MinioPaths.SERVICE + " is " + MountWait.explain(service, s.mountWaits()));
                }
                if (mounted < expected) {
                    problems.add(h.name() + ": " + mounted + " of " + expected + " data drives mounted as XFS; " + missing(s));
                }
                if (!n.healthy()) {
                    problems.add(h.name() + ": not answering (" + n.detail() + ")");
                }
            }
            if (t != null && !t.verified()) {
                problems.add(h.name() + ": S3 round trip " + t.summary());
            }
        }
        for (PreflightFinding f : Preflight.consistency(new ArrayList<>(surveys.values()))) {
            problems.add(f.host() + ": " + f.cause());
        }
        long usable = minio ? usable(inventory, raw) : s3proxyServed;
        String capNote = minio ? "usable after erasure coding: " + layouts(inventory)
                : "S3Proxy serves from each node's first drive only; no erasure coding";
        return new ClusterStatus(inventory.cluster().name(), inventory.node().flavour(), List.copyOf(hosts), probe, health,
                raw, usable, capNote, List.copyOf(problems), cluster.redactor);
    }

    /** The data mounts without their XFS drive, each with the serial its fstab line was written for. */
    static String missing(NodeSurvey s) {
        List<String> out = new ArrayList<>();
        for (MountSurvey m : s.mounts()) {
            if (!m.mounted() || !m.fstype().equals("xfs")) {
                out.add(m.mount() + (m.driveSerial().isEmpty() ? "" : " (serial " + m.driveSerial() + ")"));
            }
        }
        return "missing: " + String.join(", ", out);
    }

    private static Map<String, RoundTrip> roundTrips(NodeCluster cluster, Output output, Secret credential, long bytes,
                                                     FanoutListener listener) {
        Inventory inventory = cluster.inventory;
        S3RoundTrip trip = new S3RoundTrip(inventory.node().apiPort(), inventory.node().rootUser(), credential, bytes);
        List<HealthProbe.Target> targets = cluster.targets();
        output.progress("probe: " + (bytes >> 20) + " MiB round trip on " + targets.size() + " nodes");
        Map<String, RoundTrip> trips = new LinkedHashMap<>();
        for (HostOutcome<RoundTrip> o : Fanout.run(targets, HealthProbe.Target::host, Math.min(4, targets.size()), trip::run,
                listener)) {
            trips.put(o.host(), o.ok() ? o.value() : new RoundTrip(o.host(), "-", bytes, null, null, Duration.ZERO,
                    Duration.ZERO, o.error()));
        }
        return trips;
    }

    private static Map<String, String> versions(NodeCluster cluster) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = cluster.hosts.stream().map(InventoryHost::name).toList();
        for (HostOutcome<ExecResult> o : cluster.run(names, Command.of(MinioPaths.BINARY, "--version"))) {
            if (o.ok() && o.value().ok()) {
                out.put(o.host(), o.value().stdoutText().strip().split("\n", 2)[0]);
            }
        }
        return out;
    }

    /** Raw bytes spread over the pools by drive count, each pool's share times its data fraction. */
    private static long usable(Inventory inventory, long raw) {
        int drives = inventory.pools().stream().mapToInt(p -> p.layout().totalDrives()).sum();
        if (drives == 0) {
            return 0;
        }
        double usable = 0;
        for (Pool p : inventory.pools()) {
            usable += raw * ((double) p.layout().totalDrives() / drives) * p.layout().usableFraction();
        }
        return (long) usable;
    }

    private static String layouts(Inventory inventory) {
        return String.join("; ", inventory.pools().stream().map(p -> p.name() + " " + p.layout()).toList());
    }
}
