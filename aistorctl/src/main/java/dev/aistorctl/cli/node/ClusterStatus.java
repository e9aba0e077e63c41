package dev.aistorctl.cli.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.cli.Table;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.inventory.ByteSize;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.HealthProbe;
import dev.aistorctl.storagenode.health.NodeHealth;
import dev.aistorctl.storagenode.health.RoundTrip;
import dev.aistorctl.storagenode.health.S3RoundTrip;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.Sha256;
import dev.aistorctl.storagenode.preflight.MountSurvey;
import dev.aistorctl.storagenode.preflight.NodeSurvey;
import dev.aistorctl.storagenode.preflight.Preflight;
import dev.aistorctl.storagenode.preflight.PreflightFinding;

/**
 * The storage cluster now, as {@code status} shows it: per host the service, binary, drives and liveness,
 * the cluster's health and capacity and, with a probe, a signed S3 round trip on every node.
 */
public final class ClusterStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON document of {@code status -o json} (redacted), its text, and whether everything is up. */
    public record Result(ObjectNode json, String text, boolean ok) {
    }

    private ClusterStatus() {
    }

    /** Reads every node; {@code probeBytes} > 0 also makes the S3 round trip of that size on each. */
    public static Result read(NodeCluster cluster, Terminal terminal, long probeBytes) {
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
        Map<String, RoundTrip> trips = new LinkedHashMap<>();
        if (probe) {
            long bytes = probeBytes;
            S3RoundTrip trip = new S3RoundTrip(inventory.node().apiPort(), inventory.node().rootUser(), credential, bytes);
            List<HealthProbe.Target> targets = cluster.targets();
            terminal.progress("probe: " + (bytes >> 20) + " MiB round trip on " + targets.size() + " nodes");
            for (HostOutcome<RoundTrip> o : Fanout.run(targets, HealthProbe.Target::host, Math.min(4, targets.size()), trip::run,
                    dev.aistorctl.core.FanoutListener.NONE)) {
                trips.put(o.host(), o.ok() ? o.value() : new RoundTrip(o.host(), "-", bytes, null, null, Duration.ZERO,
                        Duration.ZERO, o.error()));
            }
        }

        ObjectNode doc = JSON.createObjectNode();
        doc.put("cluster", inventory.cluster().name());
        doc.put("flavour", inventory.node().flavour().name().toLowerCase());
        ArrayNode hosts = doc.putArray("hosts");
        Table table = new Table(probe ? new String[] {"HOST", "SERVICE", "BINARY", "DRIVES", "LIVE", "S3 PROBE"}
                : new String[] {"HOST", "SERVICE", "BINARY", "DRIVES", "LIVE"});
        long raw = 0;
        long s3proxyServed = 0;
        for (InventoryHost h : cluster.hosts) {
            NodeSurvey s = surveys.get(h.name());
            NodeHealth n = health.nodes().stream().filter(x -> x.host().equals(h.name())).findFirst().orElseThrow();
            ObjectNode j = hosts.addObject();
            j.put("host", h.name());
            j.put("live", n.healthy());
            j.put("health", n.detail());
            String service = s == null ? "unreachable" : s.serviceState();
            // An unreachable host's binary and drives are unknown, not absent: "?" and null, and one problem, not three.
            String binary = s == null ? "?" : s.binarySha256().isEmpty() ? "absent" : "sha256 " + Sha256.shortForm(s.binarySha256());
            String version = versions.getOrDefault(h.name(), "");
            long mounted = s == null ? 0 : s.mountedXfs();
            int expected = h.mountPaths().size();
            j.put("service", service);
            j.put("binary_sha256", s == null ? null : s.binarySha256());
            if (!version.isEmpty()) {
                j.put("version", version);
            }
            if (s == null) {
                j.putNull("drives_mounted");
            } else {
                j.put("drives_mounted", mounted);
            }
            j.put("drives_expected", expected);
            if (s != null) {
                for (MountSurvey m : s.mounts()) {
                    if (m.mounted() && m.sizeBytes() > 0) {
                        raw += m.sizeBytes();
                    }
                }
                if (!s.mounts().isEmpty() && s.mounts().get(0).mounted()) {
                    s3proxyServed += Math.max(0, s.mounts().get(0).sizeBytes());
                }
            }
            if (s != null && !"active".equals(service)) {
                problems.add(h.name() + ": minio.service is " + service);
            }
            if (s != null && mounted < expected) {
                problems.add(h.name() + ": " + mounted + " of " + expected + " data drives mounted as XFS");
            }
            if (!n.healthy() && s != null) {
                problems.add(h.name() + ": not answering (" + n.detail() + ")");
            }
            RoundTrip t = trips.get(h.name());
            if (t != null) {
                ObjectNode pj = j.putObject("probe");
                pj.put("verified", t.verified());
                pj.put("bytes", t.bytes());
                pj.put("sha256", t.sha256Put());
                pj.put("put_ms", t.put().toMillis());
                pj.put("get_ms", t.get().toMillis());
                if (t.error() != null) {
                    pj.put("error", cluster.redactor.redact(t.error()));
                }
                if (!t.verified()) {
                    problems.add(h.name() + ": S3 round trip " + t.summary());
                }
            }
            String live = n.healthy() ? terminal.style("@|green yes|@") : terminal.style("@|red no|@") + " (" + n.detail() + ")";
            String svc = "active".equals(service) ? terminal.style("@|green active|@") : terminal.style("@|red " + service + "|@");
            String bin = binary + (version.isEmpty() ? "" : " " + version);
            String drives = (s == null ? "?" : String.valueOf(mounted)) + "/" + expected;
            if (probe) {
                table.row(h.name(), svc, bin, drives, live, t == null ? "-" : t.summary());
            } else {
                table.row(h.name(), svc, bin, drives, live);
            }
        }
        for (PreflightFinding f : Preflight.consistency(new ArrayList<>(surveys.values()))) {
            problems.add(f.host() + ": " + f.cause());
        }

        ObjectNode c = doc.putObject("health");
        c.put("healthy", health.healthy());
        health.quorum().ifPresent(q -> c.put("quorum", q));
        c.put("summary", health.summary());
        long usable = minio ? usable(inventory, raw) : s3proxyServed;
        ObjectNode cap = doc.putObject("capacity");
        cap.put("raw_bytes", raw);
        cap.put("usable_bytes", usable);
        String capNote = minio ? "usable after erasure coding: " + layouts(inventory)
                : "S3Proxy serves from each node's first drive only; no erasure coding";
        cap.put("note", capNote);
        if (!minio) {
            doc.put("note", ClusterHealth.S3PROXY_NOTE);
        }
        ArrayNode pj = doc.putArray("problems");
        problems.forEach(pj::add);
        doc.put("ok", problems.isEmpty() && health.healthy());

        StringBuilder out = new StringBuilder(table.render());
        out.append('\n').append("cluster ").append(inventory.cluster().name()).append(" (").append(inventory.node().flavour()
                .name().toLowerCase()).append("): ").append(health.healthy() ? terminal.style("@|green healthy|@")
                : terminal.style("@|red NOT healthy|@")).append(", ").append(health.summary()).append('\n');
        out.append("capacity: ").append(new ByteSize(raw).human()).append(" raw, ").append(new ByteSize(usable).human())
                .append(" usable (").append(capNote).append(")\n");
        if (!minio) {
            out.append("note: ").append(ClusterHealth.S3PROXY_NOTE).append('\n');
        }
        if (!problems.isEmpty()) {
            out.append('\n').append(problems.size()).append(problems.size() == 1 ? " problem:\n" : " problems:\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
    return new Result((ObjectNode) cluster.redactor.redact(doc), cluster.redactor.redact(out.toString().stripTrailing()),
            problems.isEmpty() && health.healthy());
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
