package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/** /etc/os-release: shell-style KEY=value lines, values optionally in double or single quotes. */
public final class OsReleaseParser {
    private OsReleaseParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (t.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = t.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            out.put(t.substring(0, eq), value);
        }
        return out;
    }
}
