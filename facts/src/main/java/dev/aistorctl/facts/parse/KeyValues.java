package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Key: value" text as lscpu, /proc/cpuinfo, /proc/meminfo, ethtool and smartctl print it. Keys
 * are stripped of indentation (lscpu 2.38 indents a tree). A line without a separator continues the
 * previous value: that is how wrapped "Flags" lines look.
 */
final class KeyValues {
    private KeyValues() {
    }

    static Map<String, String> parse(String text, char separator) {
        Map<String, String> out = new LinkedHashMap<>();
        String last = null;
        for (String line : Text.lines(text)) {
            int at = line.indexOf(separator);
            if (line.isBlank()) {
                last = null;
                continue;
            }
            if (at < 0) {
                if (last != null) {
                    out.put(last, (out.get(last) + " " + line.strip()).strip());
                }
                continue;
            }
            String key = line.substring(0, at).strip();
            String value = line.substring(at + 1).strip();
            if (key.isEmpty()) {
                continue;
            }
            out.putIfAbsent(key, value);
            last = key;
        }
        return out;
    }

    /** The first of several spellings that is present and not blank. */
    static String first(Map<String, String> map, List<String> keys) {
        for (String k : keys) {
            String v = Text.blankToNull(map.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
