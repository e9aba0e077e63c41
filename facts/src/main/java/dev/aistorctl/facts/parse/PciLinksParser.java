package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pci-links.txt}: one tab-separated line per PCI function from sysfs: address, class
 * ({@code 0x010802}), current_link_speed, current_link_width, max_link_speed, max_link_width, with
 * "-" for an attribute the kernel does not have. The kernel prints speeds as "16.0 GT/s PCIe" (older
 * kernels "8 GT/s", and "Unknown" for a link that is down).
 */
public final class PciLinksParser {
    private PciLinksParser() {
    }

    public static List<PciDevice> parse(String text) {
        List<PciDevice> out = new ArrayList<>();
        for (String line : Text.lines(text)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String address = f[0].strip().toLowerCase(java.util.Locale.ROOT);
            String classCode = f.length > 1 ? classCode(f[1]) : null;
            Double speed = f.length > 2 ? speed(f[2]) : null;
            Integer width = f.length > 3 ? width(f[3]) : null;
            Double maxSpeed = f.length > 4 ? speed(f[4]) : null;
            Integer maxWidth = f.length > 5 ? width(f[5]) : null;
            PciLink link = speed == null && width == null && maxSpeed == null && maxWidth == null ? null
                    : PciLink.of(speed, width, maxSpeed, maxWidth);
            out.add(new PciDevice(address, classCode, null, null, link));
        }
        return out;
    }

    private static String classCode(String raw) {
        String v = raw.strip();
        if (v.equals("-") || v.isEmpty()) {
            return null;
        }
        return (v.startsWith("0x") ? v.substring(2) : v).toLowerCase(java.util.Locale.ROOT);
    }

    private static Double speed(String raw) {
        return absent(raw) ? null : Text.toDouble(raw);
    }

    private static Integer width(String raw) {
        if (absent(raw)) {
            return null;
        }
        Integer w = Text.toInt(raw);
        // the kernel reports width 0 for a link that did not train; that is "no link", not "x0"
        return w == null || w == 0 || w == 255 ? null : w;
    }

    private static boolean absent(String raw) {
        String v = raw.strip();
        return v.isEmpty() || v.equals("-") || v.startsWith("Unknown");
    }
}
