package dev.aistorctl.cli;

/**
 * A line cut to a terminal's width, counting only what shows: colour sequences ({@code ESC [ … m}) take no
 * column and are kept, so a cut line still ends its colour. One column is left free: a line that fills the last
 * column makes some terminals wrap, and a board redrawn in place must know how many lines it took.
 */
final class Cut {
    private static final String RESET = "\u001b[0m";

    private Cut() {
    }

    static String toWidth(String line, int columns) {
        int room = Math.max(1, columns - 1);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        boolean coloured = false;
        for (int i = 0; i < line.length(); ) {
            char c = line.charAt(i);
            if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < line.length() && !Character.isLetter(line.charAt(end))) {
                    end++;
                }
                out.append(line, i, Math.min(end + 1, line.length()));
                coloured = true;
                i = end + 1;
                continue;
            }
            int cp = line.codePointAt(i);
            if (shown == room) {
                // cut: the last column shown says the line goes on
                out.setLength(lastColumnStart(out));
                out.append('…');
                return coloured ? out + RESET : out.toString();
            }
            out.appendCodePoint(cp);
            shown++;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Where the last visible character of {@code out} starts (colour sequences after it are dropped with it). */
    private static int lastColumnStart(StringBuilder out) {
        int i = out.length() - 1;
        while (i > 0) {
            if (out.charAt(i) == 'm') {
                int esc = out.lastIndexOf("\u001b[", i);
                if (esc >= 0 && out.substring(esc + 2, i).chars().allMatch(ch -> ch == ';' || Character.isDigit(ch))) {
                    i = esc - 1;
                    continue;
                }
            }
            return Character.isLowSurrogate(out.charAt(i)) ? i - 1 : i;
        }
        return 0;
    }
}
