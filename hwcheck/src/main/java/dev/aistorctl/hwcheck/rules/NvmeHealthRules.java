package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** nvme.health, nvme.wear and nvme.pcie_link: one finding per data drive. */
final class NvmeHealthRules {
    /** Critical warning bits as the NVMe base specification numbers them. */
    private static final String[] WARNING_BITS = {
        "available spare below threshold", "temperature outside limits", "reliability degraded by media errors",
        "media is read-only", "volatile memory backup failed", "persistent memory region is read-only"};

    private NvmeHealthRules() {
    }

    static List<Finding> health(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long maxMediaErrors = s.integer("max_media_errors").orElse(0L);
        String expected = "no critical warning, <= " + maxMediaErrors + " media errors";
        return NvmeRules.perDrive(facts, o, expected, d -> {
            NvmeHealth h = d.health();
            if (h == null || h.criticalWarning() == null) {
                return o.unknown(expected, smartUnknown(facts, d), d.serial());
            }
            if (h.criticalWarning() != 0) {
                String bits = describe(h.criticalWarning());
                return o.deviation(expected, "critical warning 0x" + Integer.toHexString(h.criticalWarning()) + ": " + bits,
                        NvmeRules.name(d) + " reports a critical warning: " + bits, "do not use this drive; open an RMA with the serial", d.serial());
            }
            if (h.mediaErrors() != null && h.mediaErrors() > maxMediaErrors) {
                return o.deviation(expected, h.mediaErrors() + " media errors", NvmeRules.name(d) + " logged " + h.mediaErrors()
                        + " media errors", "the drive lost data it could not correct; replace it", d.serial());
            }
            return o.pass(expected, "healthy", NvmeRules.name(d) + ": no critical warning"
                    + (h.mediaErrors() == null ? "" : ", " + h.mediaErrors() + " media errors"), d.serial());
        });
    }

    static List<Finding> wear(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long max = s.integer("max_percentage_used").orElseThrow();
        String expected = "<= " + max + " % used";
        return NvmeRules.perDrive(facts, o, expected, d -> {
            NvmeHealth h = d.health();
            if (h == null || h.percentageUsed() == null) {
                return o.unknown(expected, smartUnknown(facts, d), d.serial());
            }
            String actual = h.percentageUsed() + " % used";
            return h.percentageUsed() <= max ? o.pass(expected, actual, NvmeRules.name(d) + ": " + actual, d.serial())
                    : o.deviation(expected, actual, NvmeRules.name(d) + " has used " + h.percentageUsed() + " % of its rated endurance",
                    "a worn drive in a new cluster fails early; replace it before formatting", d.serial());
        });
    }

    static List<Finding> pcieLink(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        double minSpeed = s.number("min_speed_gts").orElse(0.0);
        long minWidth = s.integer("min_width").orElse(0L);
        String expected = Links.atLeast(minSpeed, minWidth);
        List<Finding> findings = new ArrayList<>(NvmeRules.perDrive(facts, o, expected, d -> {
            if (d.pciAddress() == null) {
                return o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.NVME_SYSFS.file()),
                        "the PCI address of " + NvmeRules.name(d), "the address comes from /sys/class/nvme/"
                        + (d.controller() == null ? "nvmeN" : d.controller()) + "/address"), d.serial());
            }
            Optional<PciLink> link = Links.device(facts, d.pciAddress()).map(PciDevice::link);
            if (link.isEmpty() || link.get().speedGts() == null || link.get().width() == null) {
                return o.unknown(expected, Unknown.of(facts.sources(), Unknown.PCI, "PCIe link of " + d.pciAddress(),
                        "install pciutils; run as root so lspci can read link capabilities"), d.serial());
            }
            PciLink l = link.get();
            String actual = Links.current(l);
            String where = NvmeRules.name(d) + " at " + d.pciAddress();
            if (Links.meets(l, minSpeed, minWidth)) {
                return o.pass(expected, actual, where + " runs " + actual, d.serial());
            }
            return o.deviation(expected, actual, where + " runs " + actual + " (capable of " + Links.capability(l)
                    + "), the profile needs " + expected, linkHint(l), d.serial());
        }));
        findings.addAll(unclaimedControllers(facts, o, minSpeed, minWidth, expected));
        return findings;
    }

    /**
     * NVMe controllers no drive could be tied to (its address unknown): their links are still
     * judged, by PCI address, so a slow slot is not hidden by a missing sysfs source.
     */
    private static List<Finding> unclaimedControllers(HostFacts facts, Outcome o, double minSpeed, long minWidth, String expected) {
        if (facts.pci() == null) {
            return List.of();
        }
        java.util.Set<String> claimed = new java.util.HashSet<>();
        if (facts.nvme() != null) {
            facts.nvme().forEach(d -> claimed.add(Links.normalize(d.pciAddress())));
        }
        List<Finding> findings = new ArrayList<>();
        for (PciDevice p : facts.pci()) {
            String code = p.classCode() == null ? "" : p.classCode().toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
            if (!code.startsWith("0108") || claimed.contains(Links.normalize(p.address())) || p.link() == null
                    || p.link().speedGts() == null || p.link().width() == null) {
                continue;
            }
            PciLink l = p.link();
            String where = "NVMe controller " + p.address() + " (drive not identified: no drive reports this address)";
            findings.add(Links.meets(l, minSpeed, minWidth)
                    ? o.pass(expected, Links.current(l), where + " runs " + Links.current(l), p.address())
                    : o.deviation(expected, Links.current(l), where + " runs " + Links.current(l) + " (capable of "
                    + Links.capability(l) + "), the profile needs " + expected, linkHint(l), p.address()));
        }
        return findings;
    }

    static String linkHint(PciLink l) {
        if (Boolean.TRUE.equals(l.downgraded())) {
            return "the link trained below its capability: reseat the drive or card, check the riser/backplane cable and the slot's bifurcation setting in the BIOS";
        }
        return "the device or slot cannot do more: check the slot (CPU-attached Gen4 lanes) and the part number";
    }

    private static Unknown smartUnknown(HostFacts facts, NvmeDrive d) {
        String file = Sources.SMART_LOGS.file(d.controller());
        return Unknown.of(facts.sources(), List.of(file), "health of " + NvmeRules.name(d), "nvme smart-log needs nvme-cli and root");
    }

    private static String describe(int warning) {
        List<String> parts = new ArrayList<>();
        for (int bit = 0; bit < WARNING_BITS.length; bit++) {
            if ((warning & (1 << bit)) != 0) {
                parts.add(WARNING_BITS[bit]);
            }
        }
        if (parts.isEmpty()) {
            parts.add("unassigned bits set");
        }
        return String.join(", ", parts);
    }
}
