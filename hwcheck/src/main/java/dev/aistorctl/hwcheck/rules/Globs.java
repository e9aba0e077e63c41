package dev.aistorctl.hwcheck.rules;

import java.util.List;
import java.util.regex.Pattern;

/** Shell-style globs for model names: {@code *} any text, {@code ?} one character; case is ignored. */
final class Globs {
    private Globs() {
    }

    static boolean matches(String glob, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(text.strip()).matches();
    }

    static boolean anyMatches(List<String> globs, String text) {
        return text != null && globs.stream().anyMatch(g -> matches(g, text));
    }
}
