package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code net-devices.txt}: per interface, tab-separated: name, driver, bus device (PCI address),
 * from the sysfs {@code device/driver} and {@code device} links; "-" for a virtual interface.
 */
public final class NetDevicesParser {
    private NetDevicesParser() {
    }

    public record NetDevice(String name, String driver, String busAddress) {
    }

    public static Map<String, NetDevice> parse(String text) {
        Map<String, NetDevice> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f[0].isBlank()) {
                continue;
            }
            out.put(f[0], new NetDevice(f[0], dash(f[1]), dash(f[2])));
        }
        return out;
    }

    static String dash(String v) {
        String t = Text.blankToNull(v);
        return t == null || t.equals("-") ? null : t;
    }
}
