package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sysctl -a}: "key = value" per line; values keep their inner whitespace (tcp_rmem is
 * "4096\t131072\t6291456"). A few keys (dev.cdrom.info) print one line per row; their rows are
 * joined with newlines under the one key.
 */
public final class SysctlParser {
    private SysctlParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            int at = line.indexOf(" = ");
            if (at > 0) {
                out.merge(line.substring(0, at).strip(), line.substring(at + 3), (a, b) -> a + "\n" + b);
            } else if (line.endsWith(" =")) {
                out.put(line.substring(0, line.length() - 2).strip(), "");
            }
        }
        return out;
    }
}
