package dev.aistorctl.hwcheck.accept;

import dev.aistorctl.core.text.Glob;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges every node's S3 PUT and GET throughput twice: against what its hardware can move
 * ({@code accept.s3_spec}: the smaller of the NIC's negotiated line rate and the sum of the spec figures
 * of the drives the server writes to, below {@code tolerance_percent} of it fails; where a figure is not
 * known the gate says which and is SKIP) and against the other nodes ({@code accept.s3_peers}: below
 * {@code fraction_percent} of the median fails). A slow node's hint joins what the other parts of the run
 * found on that host: its network or a drive it writes to that failed too.
 */
public final class S3Gates {
    public static final String SPEC = "accept.s3_spec";
    public static final String PEERS = "accept.s3_peers";

    private S3Gates() {
    }

    /** What a node's hardware can move, each figure empty (with the reason in {@code unknown}) when not known. */
    public record Expectation(Optional<Double> putMbps, Optional<Double> getMbps, String basisPut, String basisGet, String unknown) {
    }

    /**
     * Findings per node, in the order measured.
     *
     * @param others the findings of the drives and network parts of the same run, per host (for the hints)
     */
    public static Map<String, List<Finding>> judge(HardwareProfile profile, List<S3Throughput> nodes, Map<String, List<Finding>> others) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        Optional<RuleSettings> spec = profile.rule(SPEC);
        Optional<RuleSettings> peers = profile.rule(PEERS);
        List<S3Throughput> withGet = nodes.stream().filter(n -> n.getMbps() != null).toList();
        for (S3Throughput n : nodes) {
            List<Finding> findings = out.computeIfAbsent(n.host(), x -> new ArrayList<>());
            List<Finding> mine = others.getOrDefault(n.host(), List.of());
            spec.ifPresent(s -> findings.addAll(againstSpec(profile, s, n, mine)));
            peers.ifPresent(s -> findings.addAll(againstPeers(s, n, nodes, withGet, mine)));
        }
        return out;
    }

    /** min(NIC line rate, Σ spec figure of the drives the server writes to), for PUT (write) and GET (read). */
    public static Expectation expectation(HardwareProfile profile, S3Throughput n) {
        List<String> unknown = new ArrayList<>();
        if (n.nicMbits() == null) {
            unknown.add("the node gives no negotiated NIC speed");
        }
        Optional<RuleSettings> drives = profile.rule(DriveGates.SPEC);
        if (drives.isEmpty()) {
            unknown.add("the profile gives no drive figures (" + DriveGates.SPEC + ")");
        } else if (n.driveModels() == null || n.driveModels().isEmpty()) {
            unknown.add("the node's drives are not known");
        } else {
            List<String> models = drives.get().strings("models");
            n.driveModels().stream()
                    .filter(m -> !models.isEmpty() && (m.isBlank() || !Glob.anyMatchesIgnoringCase(models, m.strip())))
                    .findFirst().ifPresent(m -> unknown.add("the profile gives no figure for drive model " + (m.isBlank() ? "(none)" : m)));
        }
        if (!unknown.isEmpty()) {
            String why = String.join("; ", unknown);
            return new Expectation(Optional.empty(), Optional.empty(), why, why, why);
        }
        double nic = n.nicMbits() / 8.0;
        int count = n.driveModels().size();
        Optional<Double> write = drives.get().number("write_mbps");
        Optional<Double> read = drives.get().number("read_mbps");
        String nicText = "NIC " + Gate.mbits(n.nicMbits()) + " = " + Gate.mbps(nic);
        String drivesText = count + " drive" + (count == 1 ? "" : "s") + " × ";
        return new Expectation(
                write.map(w -> Math.min(nic, w * count)), read.map(r -> Math.min(nic, r * count)),
                write.map(w -> "min(" + nicText + ", " + drivesText + Gate.mbps(w) + " write)").orElse("the profile gives no drive write figure"),
                read.map(r -> "min(" + nicText + ", " + drivesText + Gate.mbps(r) + " read)").orElse("the profile gives no drive read figure"),
                write.isPresent() && read.isPresent() ? null : "the profile gives only one of the drives' read and write figures");
    }

    static List<Finding> againstSpec(HardwareProfile profile, RuleSettings s, S3Throughput n, List<Finding> others) {
        Expectation e = expectation(profile, n);
        double tolerance = s.number("tolerance_percent").orElse(50.0) / 100.0;
        Gate gate = new Gate(SPEC, s.severity(), n.label(), Gate.Unit.MBPS);
        List<Finding> out = new ArrayList<>();
        out.add(e.putMbps().map(x -> gate.judge("PUT", "PUT with every node loaded", n.putMbps(), x, tolerance,
                        e.basisPut(), () -> cause(n, "PUT", others)))
                .orElseGet(() -> skip(n, "PUT", e.basisPut())));
        if (n.getMbps() != null) {
            out.add(e.getMbps().map(x -> gate.judge("GET", "GET with every node loaded", n.getMbps(), x, tolerance,
                            e.basisGet(), () -> cause(n, "GET", others)))
                    .orElseGet(() -> skip(n, "GET", e.basisGet())));
        }
        return out;
    }

    private static Finding skip(S3Throughput n, String what, String why) {
        return new Finding(SPEC, Severity.SKIP, "min(NIC line rate, drives' spec) for " + what, "unknown",
                n.label() + ": no " + what + " figure to judge against: " + why, null, n.label());
    }

    static List<Finding> againstPeers(RuleSettings s, S3Throughput n, List<S3Throughput> all, List<S3Throughput> withGet,
                                      List<Finding> others) {
        double fraction = s.number("fraction_percent").orElse(70.0) / 100.0;
        Gate gate = new Gate(PEERS, s.severity(), n.label(), Gate.Unit.MBPS);
        List<Finding> out = new ArrayList<>();
        if (all.size() < 2) {
            return List.of(Finding.pass(PEERS, "other nodes", "no other node", n.label() + ": nothing to compare with", n.label()));
        }
        out.add(gate.againstMedian("PUT", "PUT with every node loaded", n.putMbps(), all.stream().map(S3Throughput::putMbps).toList(),
                fraction, "nodes", () -> cause(n, "PUT", others)));
        if (n.getMbps() != null && withGet.size() >= 2) {
            out.add(gate.againstMedian("GET", "GET with every node loaded", n.getMbps(),
                    withGet.stream().map(S3Throughput::getMbps).toList(), fraction, "nodes", () -> cause(n, "GET", others)));
        }
        return out;
    }

    /**
     * The likeliest reason this node's S3 is slow, from what the other parts found on the same host: its
     * network (what reaches it for a PUT, what leaves it for a GET) or a drive the server writes to.
     */
    static String cause(S3Throughput n, String what, List<Finding> others) {
        List<String> causes = new ArrayList<>();
        others.stream().filter(f -> f.failed() && f.rule().startsWith("accept.network_")).findFirst()
                .ifPresent(f -> causes.add("its network failed too (" + f.message() + ")"
                        + (f.hint() == null ? "" : ": " + f.hint())));
        others.stream().filter(f -> f.failed() && f.rule().startsWith("accept.drive_"))
                .filter(f -> f.device() != null && n.mounts().stream().anyMatch(m -> f.device().equals(m) || f.device().startsWith(m + " ")))
                .findFirst()
                .ifPresent(f -> causes.add("a drive the server " + (what.equals("PUT") ? "writes to" : "reads from") + " failed too ("
                        + f.message() + ")" + (f.hint() == null ? "" : ": " + f.hint())));
        if (!causes.isEmpty()) {
            return String.join("; ", causes);
        }
        boolean networkJudged = others.stream().anyMatch(f -> f.rule().startsWith("accept.network_"));
        boolean drivesJudged = others.stream().anyMatch(f -> f.rule().startsWith("accept.drive_"));
        String judged = networkJudged && drivesJudged ? "its network and drives passed"
                : networkJudged ? "its network passed (drives not measured in this run)"
                : drivesJudged ? "its drives passed (network not measured in this run)"
                : "its network and drives were not measured in this run (accept --drives --network names them)";
        return judged + ": look at the server: its CPU during the test (on the node, or on the client running accept when "
                + "every node shares it), the storage service's log (journalctl -u minio), healing or rebalancing, or a proxy "
                + "or TLS terminator in the path";
    }
}
