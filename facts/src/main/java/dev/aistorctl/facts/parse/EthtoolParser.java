package dev.aistorctl.facts.parse;

import java.util.Map;

/**
 * {@code ethtool IFACE}. Interfaces without link settings (ifb, lo) print only
 * "No data available": that parses to an entry with every value unknown.
 */
public final class EthtoolParser {
    private EthtoolParser() {
    }

    /** {@code fallbackName} names the interface when the output does not ("No data available"). */
    public static EthtoolSettings parse(String text, String fallbackName) {
        String name = fallbackName;
        for (String line : Text.lines(text)) {
            if (line.startsWith("Settings for ")) {
                name = line.substring("Settings for ".length()).replaceAll(":\\s*$", "").strip();
                break;
            }
        }
        Map<String, String> kv = KeyValues.parse(text, ':');
        String speed = kv.get("Speed");
        Long mbps = speed != null && speed.matches("[0-9]+\\s*Mb/s") ? Text.toLong(speed.replace("Mb/s", "")) : null;
        String duplex = Text.blankToNull(kv.get("Duplex"));
        if (duplex != null && duplex.startsWith("Unknown")) {
            duplex = null;
        }
        String link = kv.get("Link detected");
        return new EthtoolSettings(name, mbps, duplex, link == null ? null : link.strip().equals("yes"),
                Text.blankToNull(kv.get("Port")));
    }
}
