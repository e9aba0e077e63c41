package dev.aistorctl.core.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell-style wildcards matched against the whole text: {@code *} (any text, line breaks included),
 * {@code ?} and character classes ({@code [12]}, {@code [a-f]}, {@code [!0]}). An unclosed {@code [}
 * is a literal bracket. The one glob of the project: inventory host names, drive models, profile rules.
 */
public final class Glob {
    private final String text;
    private final Pattern regex;

    private Glob(String text, boolean ignoreCase) {
        this.text = text;
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int close = c == '[' ? text.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                re.append(characterClass(text.substring(i + 1, close)));
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(re.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }

    private static String characterClass(String body) {
        boolean negated = body.startsWith("!");
        StringBuilder re = new StringBuilder(negated ? "[^" : "[");
        for (char c : (negated ? body.substring(1) : body).toCharArray()) {
            if ("\\^[]&".indexOf(c) >= 0) {
                re.append('\\');
            }
            re.append(c);
        }
        return re.append(']').toString();
    }

    public static Glob of(String text) {
        return new Glob(text, false);
    }

    public static Glob ignoringCase(String text) {
        return new Glob(text, true);
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.matches(".*\\[[^\\]:]+\\].*");
    }

    public boolean matches(String candidate) {
        return regex.matcher(candidate).matches();
    }

    /** Whether any of {@code globs}, case ignored, matches {@code text} stripped of surrounding blanks; false for null. */
    public static boolean anyMatchesIgnoringCase(List<String> globs, String text) {
        return text != null && globs.stream().anyMatch(g -> ignoringCase(g).matches(text.strip()));
    }

    @Override
    public String toString() {
        return text;
    }
}
