package dev.aistorctl.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference of two texts as {@code diff -u} prints it, so that a plan shows what a file will hold as a
 * person already reads it ({@code ansible --check --diff}, {@code git diff}): a new file in full, a changed one
 * as hunks with three lines of context. Meant for configuration files (a few hundred lines at most): the
 * longest common subsequence is computed in full.
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
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : path).append('\n');
        out.append("+++ ").append(path).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // A hunk runs on while the next change is within twice the context of the last one.
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end).kind != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(out, ops.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private record Op(char kind, String line, int oldLine, int newLine) {
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        int oldCount = (int) ops.stream().filter(o -> o.kind != '+').count();
        int newCount = (int) ops.stream().filter(o -> o.kind != '-').count();
        int oldStart = ops.stream().filter(o -> o.kind != '+').mapToInt(Op::oldLine).findFirst().orElse(ops.get(0).oldLine);
        int newStart = ops.stream().filter(o -> o.kind != '-').mapToInt(Op::newLine).findFirst().orElse(ops.get(0).newLine);
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Op o : ops) {
            out.append(o.kind).append(o.line).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    /** Keep, delete and insert operations along the longest common subsequence; line numbers are 1-based. */
    private static List<Op> ops(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Deletions before insertions, as diff prints a replaced line.
                ops.add(new Op('-', a.get(i), i + 1, j));
                i++;
            } else {
                ops.add(new Op('+', b.get(j), i, j + 1));
                j++;
            }
        }
        return ops;
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
