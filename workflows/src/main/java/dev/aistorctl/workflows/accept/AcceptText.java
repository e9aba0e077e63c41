package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.accept.NetworkThroughput;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.text.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary accept prints: a table of every drive's figures and verdict, the network's per host and as
 * a matrix of the mesh round, every node's S3 figures, then every failing finding with its hint.
 */
public final class AcceptText {
    private AcceptText() {
    }

    public static void print(AcceptResult r, Output out) {
        if (!r.drives().isEmpty()) {
            Table drives = new Table("HOST", "DRIVE", "TOOL", "WRITE MB/s", "READ MB/s", "VERDICT");
            for (HostDrives h : r.drives()) {
                for (DriveThroughput d : h.drives()) {
                    drives.row(h.host(), d.label(), h.tool(), round(d.writeMbps()), round(d.readMbps()), verdict(r, d.host(), d.label()));
                }
                drives.row(h.host(), "all " + h.together().size() + " at once", h.tool(), round(h.togetherWriteMbps()),
                        round(h.togetherReadMbps()), "");
            }
            out.println(drives.render());
        }
        if (r.network() != null) {
            network(r, out);
        }
        if (r.s3() != null) {
            s3(r.s3(), out);
        }
        for (var e : r.findings().entrySet()) {
            for (Finding f : e.getValue()) {
                if (f.severity() == Severity.FAIL || f.severity() == Severity.WARN) {
                    out.println(out.style("@|bold,red " + f.severity() + "|@ ") + e.getKey() + " " + f.rule() + ": " + f.message()
                            + "; expected " + f.expected());
                    if (f.hint() != null) {
                        out.hint(f.hint());
                    }
                }
            }
        }
        r.unmeasured().forEach((host, why) -> out.error(host + ": not measured: " + why));
        r.drives().forEach(h -> h.problems().forEach(p -> out.error(h.host() + ": " + p)));
        if (r.network() != null) {
            r.network().problems().forEach(p -> out.error("network: " + p));
        }
        if (r.s3() != null) {
            r.s3().problems().forEach(p -> out.error("s3: " + p));
        }
        StringBuilder took = new StringBuilder();
        for (String part : List.of("drives", "network", "s3")) {
            if (r.seconds().containsKey(part)) {
                took.append(took.length() == 0 ? "; " : ", ").append(part)
                        .append(String.format(Locale.ROOT, " in %.0f s", r.seconds().get(part)));
            }
        }
        out.println(String.format(Locale.ROOT, "accept (profile %s): %d pass, %d warn, %d fail, %d hosts not measured%s",
                r.profile(), r.passed(), r.warned(), r.failed(), r.unmeasured().size(), took));
    }

    /** Per host its sums in Mb/s and verdict, then the mesh round as a from × to matrix. */
    private static void network(AcceptResult r, Output out) {
        NetworkResult n = r.network();
        Table hosts = new Table("HOST", "NIC", "SPEED Mb/s", "RING SEND", "RING RECV", "MESH SEND", "MESH RECV", "VERDICT");
        for (NetworkThroughput h : n.hosts()) {
            hosts.row(h.host(), h.label(), h.speedMbits() == null ? "?" : Long.toString(h.speedMbits()), round(h.ringSendMbits()),
                    round(h.ringReceiveMbits()), round(h.meshSendMbits()), round(h.meshReceiveMbits()), verdict(r, h.host(), h.label()));
        }
        out.println(hosts.render());
        List<String> names = n.pairs().stream().map(LinkPass::from).distinct().toList();
        List<String> header = new ArrayList<>(List.of("MESH Mb/s FROM \\ TO"));
        header.addAll(names);
        Table mesh = new Table(header.toArray(String[]::new));
        for (String from : names) {
            List<String> row = new ArrayList<>(List.of(from));
            for (String to : names) {
                row.add(n.pairs().stream().filter(p -> p.round().equals("mesh") && p.from().equals(from) && p.to().equals(to))
                        .findFirst().map(p -> p.measured() ? round(p.mbits()) : "-").orElse(""));
            }
            mesh.row(row.toArray(String[]::new));
        }
        out.println(mesh.render());
    }

    /**
     * The hosts skipped because they run no node, each with why; then per node its PUT and GET figures against its
     * expectation, with the verdict of each, and the cluster's sum.
     */
    private static void s3(S3Result s, Output out) {
        s.skipped().forEach((host, why) -> out.println("S3 skipped on " + host + ": " + why));
        if (s.bucket() == null) {
            return;
        }
        Table t = new Table("HOST", "ENDPOINT", "PUT MB/s", "PUT p50/p99 ms", "GET MB/s", "GET p50/p99 ms", "OBJECTS PUT/GET",
                "EXPECTED MB/s", "PUT", "GET");
        for (S3Result.Node n : s.nodes()) {
            var f = n.figures();
            t.row(f.host(), f.endpoint(), round(f.putMbps()), latency(f.putP50Ms(), f.putP99Ms()),
                    f.getMbps() == null ? "-" : round(f.getMbps()), latency(f.getP50Ms(), f.getP99Ms()),
                    f.putObjects() + "/" + f.getObjects(),
                    n.expectedPutMbps() == null ? "unknown" : round(n.expectedPutMbps()) + "/" + round(n.expectedGetMbps()),
                    n.putVerdict() == null ? "" : n.putVerdict().name(), n.getVerdict() == null ? "-" : n.getVerdict().name());
        }
        if (s.aggregate() != null) {
            var a = s.aggregate();
            t.row("all " + s.nodes().size() + " nodes", "", round(a.putMbps()), latency(a.putP50Ms(), a.putP99Ms()), round(a.getMbps()),
                    latency(a.getP50Ms(), a.getP99Ms()), a.putObjects() + "/" + a.getObjects(), "", "", "");
        }
        out.println(String.format(Locale.ROOT, "S3: %s objects, %d requests at once per node, %d s a phase, bucket %s",
                ByteSize.whole(s.objectBytes()), s.concurrency(), s.secondsPerPhase(), s.bucket()));
        out.println(t.render());
    }

    private static String latency(Double p50, Double p99) {
        return p50 == null ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", p50, p99);
    }

    private static String verdict(AcceptResult r, String host, String device) {
        List<Finding> mine = r.findings().getOrDefault(host, List.of()).stream().filter(f -> device.equals(f.device())).toList();
        Severity worst = Severity.PASS;
        for (Finding f : mine) {
            worst = worst.worst(f.severity());
        }
        return worst.name();
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
