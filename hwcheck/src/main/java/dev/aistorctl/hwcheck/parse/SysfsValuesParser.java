package dev.aistorctl.hwcheck.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code grep . FILE...} output: "PATH:VALUE" per line (hwmon sensors, any sysfs attribute list).
 * The path ends at the first colon, which sysfs paths under /sys/class never contain.
 */
public final class SysfsValuesParser {
    private SysfsValuesParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            int at = line.indexOf(':');
            if (line.startsWith("/") && at > 0) {
                out.put(line.substring(0, at), line.substring(at + 1));
            }
        }
        return out;
    }
}
