package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code versions.txt}: "COMMAND: first line of its version output", e.g. "nvme version: nvme version 2.3 (git 2.3)". */
public final class ToolVersionsParser {
    private ToolVersionsParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            int at = line.indexOf(": ");
            if (at > 0) {
                out.put(line.substring(0, at).strip(), line.substring(at + 2).strip());
            }
        }
        return out;
    }
}
