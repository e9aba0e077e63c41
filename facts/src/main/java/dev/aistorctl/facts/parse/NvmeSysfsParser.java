package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code nvme-sysfs.txt}: one tab-separated line per NVMe controller from /sys/class/nvme:
 * controller, transport, address (PCI address for pcie), model, serial, firmware_rev. It ties a
 * controller to its PCI slot even where nvme-cli is missing or too old to print the address.
 */
public final class NvmeSysfsParser {
    private NvmeSysfsParser() {
    }

    public record NvmeController(String name, String transport, String address, String model, String serial,
            String firmware) {
    }

    public static Map<String, NvmeController> parse(String text) {
        Map<String, NvmeController> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split("\t", -1);
            if (f.length < 6 || f[0].isBlank()) {
                continue;
            }
            out.put(f[0], new NvmeController(f[0], NetDevicesParser.dash(f[1]), NetDevicesParser.dash(f[2]),
                    NetDevicesParser.dash(f[3]), NetDevicesParser.dash(f[4]), NetDevicesParser.dash(f[5])));
        }
        return out;
    }
}
