package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.Dimm;
import dev.aistorctl.facts.facts.MemoryFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory modules from dmidecode (type 17). Empty slots ("No Module Installed", or a size of
 * "No Module Installed" on firmware that fills every other field with placeholders) count as slots
 * but not as DIMMs. Speeds in "MT/s" and in "MHz" (dmidecode before 3.2 said MHz for the same
 * number) are both transfer rates.
 */
public final class DmiMemoryParser {
    private DmiMemoryParser() {
    }

    /** A MemoryFacts with only the SMBIOS part filled; MemTotal comes from /proc/meminfo. */
    public static MemoryFacts parse(String text) {
        List<Dimm> dimms = new ArrayList<>();
        int slots = 0;
        for (DmiRecord r : DmiDecodeParser.parse(text)) {
            if (r.type() != 17) {
                continue;
            }
            slots++;
            Long size = sizeBytes(r.properties().get("Size"));
            if (size == null || size == 0) {
                continue;
            }
            dimms.add(new Dimm(r.get("Locator"), r.get("Bank Locator"), size, r.get("Type"), r.get("Type Detail"),
                    Text.toInt(r.get("Speed")),
                    Text.toInt(firstNonNull(r.get("Configured Memory Speed"), r.get("Configured Clock Speed"))),
                    r.get("Manufacturer"), r.get("Part Number"), r.get("Serial Number"), Text.toInt(r.get("Rank"))));
        }
        Long total = dimms.isEmpty() ? null : dimms.stream().mapToLong(Dimm::sizeBytes).sum();
        return new MemoryFacts(null, null, slots == 0 ? null : List.copyOf(dimms), total, slots == 0 ? null : slots);
    }

    static Long sizeBytes(String size) {
        if (size == null) {
            return null;
        }
        String s = size.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("no module") || s.startsWith("not installed") || s.equals("unknown")) {
            return null;
        }
        return Text.binaryBytes(size);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
