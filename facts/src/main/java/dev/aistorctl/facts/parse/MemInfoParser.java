package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/** /proc/meminfo as bytes per key ("MemTotal: 2012012 kB" is 2012012 KiB). HugePages_* counts stay counts. */
public final class MemInfoParser {
    private MemInfoParser() {
    }

    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        KeyValues.parse(text, ':').forEach((k, v) -> {
            Long n = Text.toLong(v.split("\\s+")[0]);
            if (n != null) {
                out.put(k, v.endsWith("kB") ? n * 1024 : n);
            }
        });
        return out;
    }
}
