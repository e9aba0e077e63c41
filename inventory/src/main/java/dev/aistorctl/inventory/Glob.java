package dev.aistorctl.inventory;

import java.util.regex.Pattern;

/** Shell-style wildcards, {@code *} and {@code ?} only, matched against the whole text. */
public final class Glob {
    private final String text;
    private final Pattern regex;

    private Glob(String text, boolean ignoreCase) {
        this.text = text;
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    public static Glob of(String text) {
        return new Glob(text, false);
    }

    public static Glob ignoringCase(String text) {
        return new Glob(text, true);
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    public boolean matches(String candidate) {
        return regex.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
