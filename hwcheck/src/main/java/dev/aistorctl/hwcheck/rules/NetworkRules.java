package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;

/**
 * network.mtu_consistent on one host: every data interface that is up runs the profile's MTU, so
 * that every node runs the same. Whether such a frame really crosses between two nodes (switch ports,
 * bonds, VLANs on the way) is the path-MTU check of {@code verify-hardware --network}.
 */
final class NetworkRules {
    private NetworkRules() {
    }

    static List<Finding> mtuConsistent(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long mtu = s.integer("mtu").orElseThrow();
        List<String> kinds = s.strings("kinds");
        String expected = "MTU " + mtu + " on every " + String.join("/", kinds) + " interface that is up";
        if (facts.nics() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.NICS, "network interfaces",
                    "ip and /sys/class/net must be readable (iproute2)"), null));
        }
        List<Nic> up = NicRules.candidates(facts, kinds).stream().filter(n -> "UP".equals(n.state())).toList();
        if (up.isEmpty()) {
            return List.of(o.deviation(expected, "none up", "no " + String.join("/", kinds) + " interface is up",
                    "check the cabling and that the data interface is configured (netplan or systemd-networkd)", null));
        }
        return up.stream().map(n -> n.mtu() == null
                ? o.unknown(expected, Unknown.plain(n.name() + " reports no MTU", "ip -d link show " + n.name()), n.name())
                : n.mtu() == mtu ? o.pass(expected, "MTU " + n.mtu(), n.name() + " at MTU " + n.mtu(), n.name())
                : o.deviation(expected, "MTU " + n.mtu(), n.name() + " runs MTU " + n.mtu() + ", the profile needs " + mtu,
                "set mtu: " + mtu + " for " + n.name() + " in the host's network configuration (netplan), and the same on the switch ports",
                n.name())).toList();
    }
}
