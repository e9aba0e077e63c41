package dev.aistorctl.core;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The one quoting function of the project: every word that reaches a remote shell passes through here. */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** Quotes a word for POSIX sh so that the shell passes it on as exactly these characters. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL byte");
        }
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
