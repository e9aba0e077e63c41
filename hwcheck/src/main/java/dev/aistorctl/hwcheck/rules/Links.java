package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import java.util.Locale;
import java.util.Optional;

/** PCIe link wording and look-ups shared by the NVMe, NIC and PCIe rules. */
final class Links {
    private Links() {
    }

    /** "16 GT/s (Gen4) x4"; unknown halves print as "?". */
    static String describe(Double speedGts, Integer width) {
        String speed = speedGts == null ? "? GT/s" : number(speedGts) + " GT/s" + generation(speedGts);
        return speed + " x" + (width == null ? "?" : width);
    }

    static String current(PciLink link) {
        return describe(link.speedGts(), link.width());
    }

    static String capability(PciLink link) {
        return describe(link.maxSpeedGts(), link.maxWidth());
    }

    static String atLeast(double speedGts, long width) {
        return ">= " + describe(speedGts, (int) width);
    }

    static boolean meets(PciLink link, double minSpeedGts, long minWidth) {
        return link.speedGts() != null && link.width() != null
                && link.speedGts() >= minSpeedGts - 1e-6 && link.width() >= minWidth;
    }

    /** True when the link trained (a width of 0 is an empty slot or a link that is down). */
    static boolean trained(PciLink link) {
        return link.width() != null && link.width() > 0;
    }

    private static String generation(double gts) {
        int gen = gts >= 63 ? 6 : gts >= 31 ? 5 : gts >= 15 ? 4 : gts >= 7.9 ? 3 : gts >= 4.9 ? 2 : gts >= 2.4 ? 1 : 0;
        return gen == 0 ? "" : " (Gen" + gen + ")";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Addresses as "0000:01:00.0", whatever form a source used. */
    static String normalize(String bdf) {
        if (bdf == null) {
            return null;
        }
        String a = bdf.strip().toLowerCase(Locale.ROOT);
        return a.matches("[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]") ? "0000:" + a : a;
    }

    static Optional<PciDevice> device(HostFacts facts, String bdf) {
        if (facts.pci() == null || bdf == null) {
            return Optional.empty();
        }
        String want = normalize(bdf);
        return facts.pci().stream().filter(d -> want.equals(normalize(d.address()))).findFirst();
    }

    /** What sits at a PCI address, in the words a field engineer looks for: drive serial or interface name. */
    static Optional<String> owner(HostFacts facts, String bdf) {
        String want = normalize(bdf);
        if (facts.nvme() != null) {
            for (NvmeDrive d : facts.nvme()) {
                if (want.equals(normalize(d.pciAddress()))) {
                    return Optional.of("NVMe " + nvl(d.controller(), d.device()) + " serial " + d.serial()
                            + (d.model() == null ? "" : " (" + d.model() + ")"));
                }
            }
        }
        if (facts.nics() != null) {
            for (Nic n : facts.nics()) {
                if (want.equals(normalize(n.pciAddress()))) {
                    return Optional.of("interface " + n.name());
                }
            }
        }
        return Optional.empty();
    }

    private static String nvl(String a, String b) {
        return a != null ? a : b;
    }
}
