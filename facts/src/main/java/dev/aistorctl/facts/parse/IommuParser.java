package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.SystemTuning.Iommu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * iommu.txt, one tab-separated line per item: {@code unit NAME} for each /sys/class/iommu entry and
 * {@code group N TYPE} for each /sys/kernel/iommu_groups/N/type. Without an active IOMMU both are
 * absent and the file is empty, which is a fact too (no units, no groups).
 */
public final class IommuParser {
    private IommuParser() {
    }

    public static Iommu parse(String text) {
        List<String> units = new ArrayList<>();
        Map<String, Integer> types = new TreeMap<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[0].equals("unit")) {
                units.add(f[1]);
            } else if (f.length == 3 && f[0].equals("group")) {
                types.merge(f[2], 1, Integer::sum);
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("not a unit or group line: '" + line + "'");
            }
        }
        return new Iommu(units, types);
    }
}
