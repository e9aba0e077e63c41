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
import java.util.function.ToDoubleFunction;

/**
 * Judges every node's S3 PUT and GET throughput twice: against what its hardware can move
 * ({@code accept.s3_spec}: the smaller of the NIC's negotiated line rate and the sum of the spec figures
 * of the drives the server writes to, below {@code tolerance_percent} of it fails; where a figure is not
 * known the gate says which and is SKIP) and against the other nodes ({@code accept.s3_peers}: below
 * {@code fraction_percent} of the median fails). A slow node's hint joins what the other parts of the run
 * found on that host: its network or a drive it writes to that failed too. A figure from too few requests (a phase too
 * short for the object size) is not judged: a WARN says so.
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
     * Requests each worker of a node must have completed, on average, for the node's figure to be judged. A worker's
     * first request carries its connection's set-up and the server's warm-up, and a phase ends with the slowest
     * worker's last request while the others wait: with k requests a worker, either can cost about 1/k of the figure.
     * At 4 that stays below the 30 % the peers' gate allows by default; at 1 (8 PUTs of 16 MiB by 8 workers in a 3 s
     * phase) a healthy node measured 37 MB/s against a median of 99.
     */
    public static final int REQUESTS_PER_WORKER = 4;

    /** One node's findings and the verdict of each direction (GET null when it was not measured), decided per finding as it is made. */
    public record Judged(S3Throughput node, List<Finding> findings, Severity put, Severity get) {
    }

    /** A finding and the direction it judged, null for one about both (a node with no peer). */
    private record Directed(String direction, Finding finding) {
    }

    /** The fewest requests a node must complete in a phase to be judged on its own figure: {@link #REQUESTS_PER_WORKER} per request in flight. */
    public static long minRequests(int concurrency) {
        return (long) REQUESTS_PER_WORKER * concurrency;
    }

    /**
     * Every node judged, in the order measured. A direction of a node is judged when the node completed at least
     * {@link #minRequests} requests in it, or when the median node did (then its few requests are the slowness the
     * gates are for, not a phase too short); otherwise it gets a WARN saying so and is left out of the peers' median.
     *
     * @param concurrency the requests in flight per node during the phases
     * @param others      the findings of the drives and network parts of the same run, per host (for the hints)
     */
    public static List<Judged> judge(HardwareProfile profile, List<S3Throughput> nodes, int concurrency,
                                     Map<String, List<Finding>> others) {
        Optional<RuleSettings> spec = profile.rule(SPEC);
        Optional<RuleSettings> peers = profile.rule(PEERS);
        Sample sample = new Sample(nodes, minRequests(concurrency));
        List<Judged> out = new ArrayList<>();
        for (S3Throughput n : nodes) {
            List<Directed> findings = new ArrayList<>();
            List<Finding> mine = others.getOrDefault(n.host(), List.of());
            spec.ifPresent(s -> findings.addAll(againstSpec(profile, s, n, sample, mine)));
            peers.ifPresent(s -> findings.addAll(againstPeers(s, n, nodes, sample, mine)));
            out.add(new Judged(n, findings.stream().map(Directed::finding).toList(), verdict(findings, "PUT"),
                    n.getMbps() == null ? null : verdict(findings, "GET")));
        }
        return out;
    }

    /** The findings of every node, by host. */
    public static Map<String, List<Finding>> byHost(List<Judged> judged) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        judged.forEach(j -> out.computeIfAbsent(j.node().host(), h -> new ArrayList<>()).addAll(j.findings()));
        return out;
    }

    /** The worst of the findings about one direction (or both). */
    private static Severity verdict(List<Directed> findings, String direction) {
        return findings.stream().filter(d -> d.direction() == null || d.direction().equals(direction))
                .map(d -> d.finding().severity()).reduce(Severity.PASS, Severity::worst);
    }

    /** How many requests each node completed per direction, and whether its figure in that direction may be judged. */
    private record Sample(List<S3Throughput> nodes, long min) {
        static long count(S3Throughput n, String direction) {
            return direction.equals("PUT") ? n.putObjects() : n.getObjects();
        }

        static boolean measured(S3Throughput n, String direction) {
            return direction.equals("PUT") || n.getMbps() != null;
        }

        boolean enough(S3Throughput n, String direction) {
            List<Double> counts = nodes.stream().filter(x -> measured(x, direction)).map(x -> (double) count(x, direction)).toList();
            return count(n, direction) >= min || !counts.isEmpty() && Median.of(counts) >= min;
        }

        /** The nodes whose figure in this direction is judged, for the peers' median. */
        List<S3Throughput> judged(String direction) {
            return nodes.stream().filter(x -> measured(x, direction) && enough(x, direction)).toList();
        }

        Finding tooFew(String rule, Severity severity, S3Throughput n, String direction) {
            long count = count(n, direction);
            return new Finding(rule, severity, "≥ " + min + " " + direction + " requests completed (" + REQUESTS_PER_WORKER
                    + " per request in flight)", count + " requests",
                    n.label() + ": " + direction + ": too few requests to judge: " + count + " < " + min + "; use a longer --duration",
                    "a figure from fewer than " + REQUESTS_PER_WORKER + " requests a worker is mostly each worker's first request "
                            + "(its connection's set-up, the server's warm-up) and the wait for the last one; the median node completed "
                            + "too few as well, so the phase, not this node, was too short: run accept with a longer --duration or "
                            + "a smaller --object-size", n.label());
        }
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

    private static List<Directed> againstSpec(HardwareProfile profile, RuleSettings s, S3Throughput n, Sample sample, List<Finding> others) {
        Expectation e = expectation(profile, n);
        double tolerance = s.number("tolerance_percent").orElse(50.0) / 100.0;
        Gate gate = new Gate(SPEC, s.severity(), n.label(), Gate.Unit.MBPS);
        List<Directed> out = new ArrayList<>();
        for (String d : List.of("PUT", "GET")) {
            if (!Sample.measured(n, d)) {
                continue;
            }
            Optional<Double> expected = d.equals("PUT") ? e.putMbps() : e.getMbps();
            String basis = d.equals("PUT") ? e.basisPut() : e.basisGet();
            double measured = d.equals("PUT") ? n.putMbps() : n.getMbps();
            // The peers' gate warns of a sample too small; the spec's, judging the same figure, stands aside.
            Finding f = expected.isEmpty() ? skip(n, d, basis)
                    : !sample.enough(n, d) ? sample.tooFew(SPEC, Severity.SKIP, n, d)
                    : gate.judge(d, d + " with every node loaded", measured, expected.get(), tolerance, basis, () -> cause(n, d, others));
            out.add(new Directed(d, f));
        }
        return out;
    }

    private static Finding skip(S3Throughput n, String what, String why) {
        return new Finding(SPEC, Severity.SKIP, "min(NIC line rate, drives' spec) for " + what, "unknown",
                n.label() + ": no " + what + " figure to judge against: " + why, null, n.label());
    }

    private static List<Directed> againstPeers(RuleSettings s, S3Throughput n, List<S3Throughput> all, Sample sample, List<Finding> others) {
        double fraction = s.number("fraction_percent").orElse(70.0) / 100.0;
        Gate gate = new Gate(PEERS, s.severity(), n.label(), Gate.Unit.MBPS);
        if (all.size() < 2) {
            return List.of(new Directed(null, Finding.pass(PEERS, "other nodes", "no other node", n.label() + ": nothing to compare with",
                    n.label())));
        }
        List<Directed> out = new ArrayList<>();
        for (String d : List.of("PUT", "GET")) {
            if (!Sample.measured(n, d)) {
                continue;
            }
            List<S3Throughput> group = sample.judged(d);
            if (!sample.enough(n, d)) {
                out.add(new Directed(d, sample.tooFew(PEERS, Severity.WARN, n, d)));
            } else if (group.size() < 2) {
                out.add(new Directed(d, Finding.pass(PEERS, "other nodes with " + sample.min() + " " + d + " requests",
                        "none", n.label() + ": " + d + ": no other node completed enough requests to compare with", n.label())));
            } else {
                ToDoubleFunction<S3Throughput> figure = d.equals("PUT") ? S3Throughput::putMbps : x -> x.getMbps();
                out.add(new Directed(d, gate.againstMedian(d, d + " with every node loaded", figure.applyAsDouble(n),
                        group.stream().map(figure::applyAsDouble).toList(), fraction, "nodes", () -> cause(n, d, others))));
            }
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
