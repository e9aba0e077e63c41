package dev.aistorctl.hwcheck.accept;

import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Judges every host's send and receive throughput of the mesh round (every host to every other at
 * once) twice: against the line rate its NIC negotiated ({@code accept.network_spec}: below
 * {@code tolerance_percent} of it fails) and against the other hosts ({@code accept.network_peers}:
 * below {@code fraction_percent} of the median fails, even where no speed is known). The mesh is judged
 * rather than the ring because a slow ring pair cannot say which end is slow; in the mesh a host with a
 * slow link is slow with every peer while its peers are slow with it only. A slow host's hint names the
 * likeliest cause: a NIC negotiated below the profile's speed or below its peers'.
 */
public final class NetworkGates {
    public static final String SPEC = "accept.network_spec";
    public static final String PEERS = "accept.network_peers";
    private static final String NIC_SPEED = "nic.speed";

    private NetworkGates() {
    }

    /** Findings per host, in the order measured. */
    public static Map<String, List<Finding>> judge(HardwareProfile profile, List<NetworkThroughput> hosts) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        Optional<RuleSettings> spec = profile.rule(SPEC);
        Optional<RuleSettings> peers = profile.rule(PEERS);
        Optional<Double> profileSpeed = profile.rule(NIC_SPEED).flatMap(s -> s.integer("min_mbps")).map(Long::doubleValue).filter(v -> v > 0);
        for (NetworkThroughput h : hosts) {
            List<Finding> findings = out.computeIfAbsent(h.host(), x -> new ArrayList<>());
            String hint = cause(h, hosts, profileSpeed);
            spec.ifPresent(s -> findings.addAll(againstSpec(s, h, hint)));
            peers.ifPresent(s -> findings.addAll(againstPeers(s, h, hosts, hint)));
        }
        return out;
    }

    static List<Finding> againstSpec(RuleSettings s, NetworkThroughput h, String hint) {
        if (h.speedMbits() == null) {
            return List.of(new Finding(SPEC, Severity.SKIP, "a negotiated speed", "unknown",
                    h.label() + ": the host gives no negotiated speed to judge against", null, h.label()));
        }
        double tolerance = s.number("tolerance_percent").orElse(70.0) / 100.0;
        String basis = "line rate";
        Gate gate = gate(SPEC, s, h);
        return List.of(
                gate.judge("send", "send with every peer at once", h.meshSendMbits(), h.speedMbits(), tolerance, basis, () -> hint),
                gate.judge("receive", "receive with every peer at once", h.meshReceiveMbits(), h.speedMbits(), tolerance, basis,
                        () -> hint));
    }

    static List<Finding> againstPeers(RuleSettings s, NetworkThroughput h, List<NetworkThroughput> all, String hint) {
        if (all.size() < 2) {
            return List.of(Finding.pass(PEERS, "other hosts", "no other host", h.label() + ": nothing to compare with", h.label()));
        }
        double fraction = s.number("fraction_percent").orElse(70.0) / 100.0;
        return List.of(againstMedian(s, "send", h, all, NetworkThroughput::meshSendMbits, fraction, hint),
                againstMedian(s, "receive", h, all, NetworkThroughput::meshReceiveMbits, fraction, hint));
    }

    private static Finding againstMedian(RuleSettings s, String what, NetworkThroughput h, List<NetworkThroughput> all,
                                         ToDoubleFunction<NetworkThroughput> figure, double fraction, String hint) {
        return gate(PEERS, s, h).againstMedian(what, what + " with every peer at once", figure.applyAsDouble(h),
                all.stream().map(figure::applyAsDouble).toList(), fraction, "hosts", () -> hint);
    }

    private static Gate gate(String rule, RuleSettings s, NetworkThroughput h) {
        return new Gate(rule, s.severity(), h.label(), Gate.Unit.MBITS);
    }

    /** The likeliest reason this host's network is slow, from the speed its NIC negotiated. */
    static String cause(NetworkThroughput h, List<NetworkThroughput> all, Optional<Double> profileSpeed) {
        if (h.speedMbits() != null && profileSpeed.isPresent() && h.speedMbits() < profileSpeed.get()) {
            return "its NIC " + h.iface() + " negotiated " + mbits(h.speedMbits()) + ", below the profile's "
                    + mbits(profileSpeed.get()) + ": check the cable or transceiver and the switch port's speed setting";
        }
        List<Long> speeds = all.stream().map(NetworkThroughput::speedMbits).filter(Objects::nonNull).toList();
        if (h.speedMbits() != null && speeds.size() > 1
                && h.speedMbits() < Median.of(speeds.stream().map(Long::doubleValue).toList())) {
            return "its NIC " + h.iface() + " negotiated " + mbits(h.speedMbits()) + ", below its peers': check the cable or "
                    + "transceiver and the switch port's speed setting";
        }
        return "its NIC negotiated the same speed as its peers: look for traffic shaping on its path (a tc qdisc on the host "
                + "or its switch port), link errors (ip -s link, ethtool -S), a congested switch port, or a CPU busy during the test";
    }

    static String mbits(double v) {
        return Gate.mbits(v);
    }
}
