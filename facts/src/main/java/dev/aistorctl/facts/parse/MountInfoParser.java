package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/self/mountinfo. Mount points and sources escape space, tab, newline and backslash as
 * octal ({@code \040}); they are unescaped here so a mount point compares equal to a path.
 */
public final class MountInfoParser {
    private MountInfoParser() {
    }

    public record Mount(int id, int parentId, String majorMinor, String root, String mountPoint, String options,
            String fsType, String source, String superOptions) {
    }

    public static List<Mount> parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            Integer id = f.length > 1 ? Text.intOrNull(f[0]) : null;
            Integer parent = f.length > 1 ? Text.intOrNull(f[1]) : null;
            if (f.length < 7 || dash < 6 || dash + 3 > f.length || id == null || parent == null) {
                continue;
            }
            out.add(new Mount(id, parent, f[2], unescape(f[3]), unescape(f[4]),
                    f[5], f[dash + 1], unescape(f[dash + 2]), dash + 3 < f.length ? f[dash + 3] : ""));
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
