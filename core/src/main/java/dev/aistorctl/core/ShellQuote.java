package dev.aistorctl.core;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one quoting function of the project: every word that reaches a remote shell passes through here.
 *
 * <p>A word is left bare only when it is made of characters no POSIX shell treats specially in any
 * position; everything else is put in single quotes, inside which sh interprets nothing at all (the only
 * character that cannot appear inside is the single quote itself, written as {@code '\''}). Quoting keeps a
 * word from being read as shell syntax; it cannot stop a program from reading {@code -rf} as an option,
 * which is why callers put {@code --} before operands that come from the inventory.
 */
public final class ShellQuote {
    /*
     * No '~' (tilde expansion), no '*?[' (globs), no '{}' (brace expansion in bash), no '#' (comment at the
     * start of a word), no '!' (history in interactive bash). '=' is safe except in a word shaped like
     * an assignment, which the shell would take as "set a variable" in command position: see ASSIGNMENT.
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private ShellQuote() {
    }

    /**
     * Quotes a word for POSIX sh so that the shell passes it on as exactly these characters.
     *
     * @throws IllegalArgumentException if the word holds a NUL character, which no argv entry can carry
     */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        if (!word.isEmpty() && SAFE.matcher(word).matches() && !ASSIGNMENT.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Quotes every word and joins them with single spaces: one shell command line. */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
