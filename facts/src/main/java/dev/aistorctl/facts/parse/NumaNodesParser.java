package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.SystemTuning.NumaPlacement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * numa-nodes.txt, one tab-separated line per item: {@code node NAME} for each
 * /sys/devices/system/node/node*, {@code nvme NAME N} and {@code net NAME N} from each device's
 * {@code device/numa_node} ("-" when the interface has no device). -1 is the kernel's "no affinity"
 * (a single-node host, a virtual device) and is left out.
 */
public final class NumaNodesParser {
    private NumaNodesParser() {
    }

    public static NumaPlacement parse(String text) {
        int nodes = 0;
        Map<String, Integer> nvme = new LinkedHashMap<>();
        Map<String, Integer> nics = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split("\t", -1); // -1: a line of tabs alone still has a first field
            switch (f[0]) {
                case "node" -> nodes++;
                case "nvme", "net" -> {
                    if (f.length != 3) {
                        throw new IllegalArgumentException("expected 'KIND NAME NODE': '" + line + "'");
                    }
                    Integer node = Text.toInt(f[2]);
                    if (node != null && node >= 0) {
                        (f[0].equals("nvme") ? nvme : nics).put(f[1], node);
                    }
                }
                default -> {
                    if (!line.isBlank()) {
                        throw new IllegalArgumentException("not a node, nvme or net line: '" + line + "'");
                    }
                }
            }
        }
        if (nodes == 0) {
            throw new IllegalArgumentException("no NUMA node listed (/sys/devices/system/node unreadable?)");
        }
        return new NumaPlacement(nodes, nvme, nics);
    }
}
