package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pcie.downgraded and pcie.port_downgraded: links that trained below their own capability,
 * whatever the profile's minimums. Named by PCI address and, when the address belongs to a
 * drive or an interface, by its serial or name too.
 */
final class PcieRules {
    private PcieRules() {
    }

    static List<Finding> downgraded(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> classes = s.strings("classes").stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        String expected = "links of class " + String.join("/", classes) + " at their full capability";
        if (facts.pci() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.PCI, "PCI devices", "install pciutils"), null));
        }
        List<Finding> findings = new ArrayList<>();
        int checked = 0;
        for (PciDevice d : facts.pci()) {
            if (!inClasses(d, classes) || d.link() == null || d.link().downgraded() == null || !Links.trained(d.link())) {
                continue;
            }
            checked++;
            if (Boolean.TRUE.equals(d.link().downgraded())) {
                String owner = Links.owner(facts, d.address()).map(x -> " (" + x + ")").orElse("");
                String what = d.description() == null ? "" : " " + d.description();
                findings.add(o.deviation(Links.capability(d.link()), Links.current(d.link()),
                        d.address() + owner + what + " runs " + Links.current(d.link()) + ", below its capability " + Links.capability(d.link()),
                        NvmeHealthRules.linkHint(d.link()), d.address()));
            }
        }
        if (checked == 0) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.PCI,
                    "no PCIe link state for devices of class " + String.join("/", classes),
                    "link state comes from sysfs; a VM without PCIe ports has none"), null));
        }
        if (findings.isEmpty()) {
            findings.add(o.pass(expected, checked + " at full capability", checked + " links of class "
                    + String.join("/", classes) + " run at their full capability", null));
        }
        return findings;
    }

    private static boolean inClasses(PciDevice d, List<String> classes) {
        if (d.classCode() == null) {
            return false;
        }
        String code = d.classCode().toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
        return classes.stream().anyMatch(code::startsWith);
    }
}
