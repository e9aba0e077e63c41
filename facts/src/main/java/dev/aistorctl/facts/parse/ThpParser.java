package dev.aistorctl.facts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /sys/kernel/mm/transparent_hugepage/enabled}: every mode, the selected one in brackets ("always [madvise] never"). */
public final class ThpParser {
    private static final Pattern SELECTED = Pattern.compile("\\[([a-z_]+)]");

    private ThpParser() {
    }

    public static String parse(String text) {
        Matcher m = SELECTED.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no selected mode in brackets: '" + text.strip() + "'");
        }
        return m.group(1);
    }
}
