package dev.aistorctl.facts.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code grep . /sys/class/net/*}{@code /speed}: "PATH:VALUE" per interface. The kernel prints -1
 * (or refuses to read, EINVAL) when the speed is unknown; such an interface maps to null.
 */
public final class NetSpeedParser {
    private static final Pattern LINE = Pattern.compile("^/sys/class/net/([^/]+)/speed:(.*)$");

    private NetSpeedParser() {
    }

    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                Long v = Text.toLong(m.group(2));
                out.put(m.group(1), v == null || v <= 0 || v == 4294967295L ? null : v);
            }
        }
        return out;
    }
}
