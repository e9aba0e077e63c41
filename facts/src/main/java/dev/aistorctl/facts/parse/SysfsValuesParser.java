package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code grep . FILE...} output: "PATH:VALUE" per line (hwmon sensors, PCI link attributes). The
 * path ends at the first colon that is not inside a PCI address path segment ({@code 0000:00:05.0});
 * values may hold colons and slashes ("16.0 GT/s PCIe").
 */
public final class SysfsValuesParser {
    private static final Pattern PCI_SEGMENT = Pattern.compile("/[0-9a-fA-F]{4,}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7](?=/)");

    private SysfsValuesParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            if (!line.startsWith("/")) {
                continue;
            }
            int at = separator(line);
            if (at > 0) {
                out.put(line.substring(0, at), line.substring(at + 1));
            }
        }
        return out;
    }

    private static int separator(String line) {
        Matcher m = PCI_SEGMENT.matcher(line);
        int from = 0;
        while (m.find() && line.indexOf(':', from) > m.start() - 1 && line.indexOf(':', from) < m.end()) {
            from = m.end();
        }
        return line.indexOf(':', from);
    }
}
