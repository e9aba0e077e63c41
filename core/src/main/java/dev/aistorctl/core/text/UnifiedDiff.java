package dev.aistorctl.core.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * The difference of two texts as {@code diff -u} prints it, so that a plan shows what a file will hold as a
 * person already reads it ({@code ansible --check --diff}, {@code git diff}): a new file in full, a changed one
 * as hunks with three lines of context. The diff itself is java-diff-utils' (Myers); this class only names the
 * files in the header and splits texts into lines the way a file holds them.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /**
     * @param path   the file, named in the header
     * @param before the host's text now, or null when the file does not exist
     * @param after  the text it will hold
     * @return the diff, empty when the texts are equal
     */
    public static String of(String path, String before, String after) {
        List<String> a = before == null ? List.of() : lines(before);
        List<String> b = lines(after);
        if (before != null && a.equals(b)) {
            return "";
        }
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : path, path, a, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        for (String line : diff) {
            out.append(before == null && line.startsWith("@@ -1,0 ") ? "@@ -0,0 " + line.substring(8) : line).append('\n');
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        // The newline that ends the last line starts no line of its own.
        out.remove(out.size() - 1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.add(text.substring(text.lastIndexOf('\n') + 1));
        }
        return out;
    }
}
