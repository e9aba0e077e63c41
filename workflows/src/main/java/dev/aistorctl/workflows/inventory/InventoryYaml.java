package dev.aistorctl.workflows.inventory;

import java.util.regex.Pattern;

/** Values and comments as a generated inventory writes them, so that the file reads back exactly. */
public final class InventoryYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/~@+-][A-Za-z0-9._/~@:+-]*");

    private InventoryYaml() {
    }

    /** A value as a YAML plain scalar when it is one, else double-quoted; {@code TODO} itself is quoted, being no mark. */
    public static String scalar(String value) {
        return PLAIN.matcher(value).matches() && !value.equals("TODO") ? value : quoted(value);
    }

    public static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Text for a comment: one line, no control characters. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\p{Cf}]+", " ").replaceAll("\\s+", " ").strip();
    }
}
