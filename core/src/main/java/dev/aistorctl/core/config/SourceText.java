package dev.aistorctl.core.config;

import java.util.regex.Pattern;

/**
 * A configuration file's text by line, for quoting the offending line in a problem. A line that
 * sets a password, secret or token to anything but a reference is quoted with the value masked, so
 * even a syntax error on that line cannot print the secret.
 */
public final class SourceText {
    public static final String MASK = "<redacted>";
    private static final Pattern SECRET_LINE = Pattern.compile(
            "^(\\s*(?:-\\s+)?[\"']?[\\w-]*(?:password|secret|token)[\\w-]*[\"']?\\s*:\\s*)(?!\\{)(\\S.*)$",
            Pattern.CASE_INSENSITIVE);

    private final String label;
    private final String[] lines;

    /** @param label how problems name the file: the path as given, or "builtin:tune" */
    public SourceText(String label, String text) {
        this.label = label;
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    public String label() {
        return label;
    }

    /** The 1-based line, masked where it may hold a secret; empty when out of range. */
    public String line(int oneBased) {
        if (oneBased < 1 || oneBased > lines.length) {
            return "";
        }
        String line = lines[oneBased - 1];
        var m = SECRET_LINE.matcher(line);
        return m.matches() ? m.group(1) + MASK : line;
    }

    /** The raw lines, for hints that look back at earlier lines (an unclosed quote). */
    String[] lines() {
        return lines.clone();
    }
}
