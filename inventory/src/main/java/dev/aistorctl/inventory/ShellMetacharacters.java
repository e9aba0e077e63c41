package dev.aistorctl.inventory;

import java.util.OptionalInt;

/**
 * Characters a POSIX shell gives meaning to. Values that end up in remote commands (host names,
 * users, mount paths, labels) are quoted by {@code ShellQuote} anyway; refusing these characters
 * at load time as well means a hostile or mistyped inventory fails on the engineer's desk with a
 * clear message instead of relying on a single line of defence on a production server.
 */
public final class ShellMetacharacters {
    private static final String CHARACTERS = ";&|$`\\\"'<>()*?!~#^ \t\r\n";

    private ShellMetacharacters() {
    }

    /** Index of the first shell metacharacter or control character, if any. */
    public static OptionalInt firstIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (CHARACTERS.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** A character as a user would want to see it named in a message. */
    public static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\n', '\r' -> "a line break";
            default -> Character.isISOControl(c) ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
        };
    }
}
