package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.core.Command;
import dev.aistorctl.facts.parse.PingParser;
import dev.aistorctl.facts.parse.PingParser.PingResult;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The path-MTU half of network.mtu_consistent: from every node to every other, a don't-fragment
 * ping whose IP packet is exactly the profile's MTU. A port at the right MTU proves nothing about the
 * switch between two nodes; only a full-size frame that crosses does. Both directions are probed,
 * because the two ends may go through differently configured ports.
 */
public final class PathMtu {
    public static final String RULE = "network.mtu_consistent";
    /** IPv4 (20 bytes) and ICMP (8 bytes) headers: the payload of a 9000-byte packet is 8972 bytes. */
    public static final int IPV4_HEADERS = 28;
    /** IPv6 (40) and ICMPv6 (8). */
    public static final int IPV6_HEADERS = 48;
    private static final int PROBES = 3;

    private PathMtu() {
    }

    /** One direction between two nodes: ping from {@code from} to {@code to} at {@code address}. */
    public record Pair(String from, String to, String address) {
        public String name() {
            return from + " -> " + to;
        }
    }

    /** The MTU the profile asks to cross, when it sets network.mtu_consistent. */
    public static Optional<Long> mtuOf(HardwareProfile profile) {
        return profile.rule(RULE).flatMap(s -> s.integer("mtu"));
    }

    /** Every ordered pair of distinct nodes. */
    public static List<Pair> pairs(Map<String, String> addresses) {
        List<Pair> out = new ArrayList<>();
        addresses.forEach((from, ignored) -> addresses.forEach((to, address) -> {
            if (!from.equals(to)) {
                out.add(new Pair(from, to, address));
            }
        }));
        return out;
    }

    public static int payload(String address, long mtu) {
        return (int) mtu - (address.contains(":") ? IPV6_HEADERS : IPV4_HEADERS);
    }

    /** The probe run on the sending node; the C locale keeps ping's messages in the words the parser reads. */
    public static Command probe(String address, long mtu) {
        return Command.of("env", "LC_ALL=C", "ping", "-n", "-M", "do", "-s", String.valueOf(payload(address, mtu)),
                "-c", String.valueOf(PROBES), "-W", "1", "-i", "0.2", address);
    }

    /** The finding for one direction, from what ping printed. */
    public static Finding judge(Pair pair, long mtu, RuleSettings settings, String stdout, String stderr, int exitCode) {
        Outcome o = new Outcome(settings);
        String expected = "a " + mtu + "-byte don't-fragment packet crosses";
        PingResult r = PingParser.parse(stdout, stderr, exitCode);
        if (r.crossed()) {
            return o.pass(expected, r.received() + "/" + r.transmitted() + " crossed", pair.name() + ": " + mtu + "-byte packets cross", pair.name());
        }
        if (r.transmitted() == null && exitCode == 127) {
            return o.unknown(expected, Unknown.plain(pair.name() + ": ping is not installed on " + pair.from(),
                    "install iputils-ping on " + pair.from()), pair.name());
        }
        return o.deviation(expected, r.mtu() != null ? "MTU " + r.mtu() : "no reply", pair.name() + ": " + r.problem(),
                "every port on the way (both nodes, the switch ports, bonds and VLAN interfaces) must carry MTU " + mtu
                        + "; ping -M do -s " + payload(pair.address(), mtu) + " " + pair.address() + " on " + pair.from() + " shows it",
                pair.name());
    }

    /** A direction whose sender could not be reached to probe. */
    public static Finding unreachable(Pair pair, long mtu, RuleSettings settings, String error) {
        return new Outcome(settings).unknown("a " + mtu + "-byte don't-fragment packet crosses",
                Unknown.plain(pair.name() + ": cannot run the probe on " + pair.from() + ": " + error, "fix SSH access first"), pair.name());
    }

    /** The report with each node's path-MTU findings added to its own, statuses and summary counted again. */
    public static VerifyReport addTo(VerifyReport report, Map<String, List<Finding>> byHost) {
        List<HostReport> hosts = new ArrayList<>();
        for (HostReport h : report.hosts()) {
            List<Finding> extra = byHost.getOrDefault(h.host(), List.of());
            if (extra.isEmpty() || !h.reachable()) {
                hosts.add(h);
                continue;
            }
            List<Finding> findings = new ArrayList<>(h.findings());
            findings.addAll(extra);
            Severity worst = Severity.PASS;
            for (Finding f : findings) {
                worst = worst.worst(f.severity());
            }
            HostStatus status = worst == Severity.FAIL ? HostStatus.FAIL : worst == Severity.WARN ? HostStatus.WARN : HostStatus.PASS;
            hosts.add(new HostReport(h.host(), status, true, null, findings));
        }
        return new VerifyReport(report.profile(), hosts, VerifySummary.of(hosts));
    }
}
