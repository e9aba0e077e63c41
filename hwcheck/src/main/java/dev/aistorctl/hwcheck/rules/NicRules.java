package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import dev.aistorctl.hwcheck.profile.NicKinds;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** nic.speed and nic.pcie_link. */
final class NicRules {
    private static final String NIC_HINT = "ip and /sys/class/net must be readable (iproute2)";

    private NicRules() {
    }

    static List<Finding> speed(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long min = s.integer("min_mbps").orElseThrow();
        long count = s.integer("count").orElse(1L);
        List<String> kinds = s.strings("kinds");
        String expected = (count == 1 ? "a" : count + "") + " " + String.join("/", kinds) + " interface" + (count == 1 ? "" : "s")
                + " at >= " + min + " Mb/s";
        if (facts.nics() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.NICS, "network interfaces", NIC_HINT), null));
        }
        List<Nic> candidates = candidates(facts, kinds);
        List<Nic> known = candidates.stream().filter(n -> n.speedMbps() != null).toList();
        List<Nic> fast = known.stream().filter(n -> n.speedMbps() >= min).toList();
        if (fast.size() >= count) {
            return fast.stream().map(n -> o.pass(expected, n.speedMbps() + " Mb/s", n.name() + " at " + n.speedMbps() + " Mb/s", n.name())).toList();
        }
        String seen = candidates.stream().map(n -> n.name() + " " + (n.speedMbps() == null ? "no speed (link down?)" : n.speedMbps() + " Mb/s"))
                .collect(Collectors.joining(", "));
        if (known.isEmpty() && !candidates.isEmpty()) {
            return List.of(o.unknown(expected, Unknown.plain("no " + String.join("/", kinds) + " interface reports a link speed: " + seen,
                    "the link is down or the driver does not report it; check cabling and the switch port (ethtool IFACE)"), null));
        }
        String best = known.stream().max(Comparator.comparing(Nic::speedMbps)).map(n -> n.speedMbps() + " Mb/s").orElse("none");
        return List.of(o.deviation(expected, best, candidates.isEmpty() ? "no " + String.join("/", kinds) + " interface"
                        : fast.size() + " interface(s) at >= " + min + " Mb/s; seen: " + seen,
                "check the NIC model, the cable/transceiver and the switch port speed (ethtool IFACE shows the negotiated speed)", null));
    }

    static List<Finding> pcieLink(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        double minSpeed = s.number("min_speed_gts").orElse(0.0);
        long minWidth = s.integer("min_width").orElse(0L);
        long forSpeed = s.integer("for_speed_mbps").orElse(0L);
        String expected = Links.atLeast(minSpeed, minWidth);
        if (facts.nics() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.NICS, "network interfaces", NIC_HINT), null));
        }
        List<Nic> nics = candidates(facts, List.of(NicKinds.PHYSICAL)).stream()
                .filter(n -> forSpeed == 0 || (n.speedMbps() != null && n.speedMbps() >= forSpeed))
                .filter(n -> n.pciAddress() != null).toList();
        if (nics.isEmpty()) {
            return List.of(o.unknown(expected, Unknown.plain("no PCI network interface" + (forSpeed > 0 ? " at >= " + forSpeed + " Mb/s" : "")
                    + " to check", "nic.speed tells why"), null));
        }
        List<Finding> findings = new ArrayList<>();
        for (Nic n : nics) {
            Optional<PciLink> link = Links.device(facts, n.pciAddress()).map(PciDevice::link);
            if (link.isEmpty() || link.get().speedGts() == null || link.get().width() == null) {
                findings.add(o.unknown(expected, Unknown.of(facts.sources(), Unknown.PCI, "PCIe link of " + n.name() + " at " + n.pciAddress(),
                        "install pciutils; run as root so lspci can read link capabilities"), n.name()));
                continue;
            }
            PciLink l = link.get();
            String where = n.name() + " at " + n.pciAddress();
            findings.add(Links.meets(l, minSpeed, minWidth)
                    ? o.pass(expected, Links.current(l), where + " runs " + Links.current(l), n.name())
                    : o.deviation(expected, Links.current(l), where + " runs " + Links.current(l) + " (capable of "
                    + Links.capability(l) + "), the profile needs " + expected, NvmeHealthRules.linkHint(l), n.name()));
        }
        return findings;
    }

    /** Interfaces of the profile's kinds; loopback is never a candidate. */
    static List<Nic> candidates(HostFacts facts, List<String> kinds) {
        return facts.nics().stream()
                .filter(n -> !"lo".equals(n.name()))
                .filter(n -> kinds.contains(NicKinds.of(n.kind())))
                .toList();
    }
}
