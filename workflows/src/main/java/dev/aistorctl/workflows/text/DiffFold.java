package dev.aistorctl.workflows.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file's diff as a plan shows it at the scale of a rack: the diffs of one file on several hosts written as one
 * where they differ only in a few words ({@code serial <per host>}), and a run of added or removed lines that
 * repeats one pattern with only its numbers changing written once with the numbers as ranges
 * ({@code +LABEL=ceo-d{1...8} /mnt/drive{1...8} xfs ...}). The exact diff of every host is what {@code -v} prints.
 */
public final class DiffFold {
    /** Stands for a word that differs from host to host. */
    public static final String PER_HOST = "<per host>";
    private static final Pattern WORDS = Pattern.compile("(?<=\\s)|(?=\\s)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private DiffFold() {
    }

    /**
     * One diff for all of {@code diffs} (each a list of lines): equal lines kept, and each word that differs between
     * them replaced by {@link #PER_HOST}. Empty when they differ in more than words: another line count, or a line
     * whose words or spacing differ in number.
     */
    public static Optional<List<String>> merge(List<List<String>> diffs) {
        List<String> first = diffs.get(0);
        if (diffs.stream().anyMatch(d -> d.size() != first.size())) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            int line = i;
            List<String[]> words = diffs.stream().map(d -> WORDS.split(d.get(line), -1)).toList();
            String[] w0 = words.get(0);
            if (words.stream().anyMatch(w -> w.length != w0.length) || !sameMark(diffs, line)) {
                return Optional.empty();
            }
            StringBuilder merged = new StringBuilder();
            for (int k = 0; k < w0.length; k++) {
                int word = k;
                boolean same = words.stream().allMatch(w -> w[word].equals(w0[word]));
                if (!same && w0[k].isBlank()) {
                    return Optional.empty();
                }
                // The diff's mark (+, -, space) stays; only what follows it is a word of the file.
                String lead = k == 0 && !same ? w0[0].substring(0, Math.min(1, w0[0].length())) : "";
                merged.append(same ? w0[k] : lead + PER_HOST);
            }
            out.add(merged.toString());
        }
        return Optional.of(out);
    }

    private static boolean sameMark(List<List<String>> diffs, int line) {
        String l0 = diffs.get(0).get(line);
        char mark = l0.isEmpty() ? ' ' : l0.charAt(0);
        return diffs.stream().allMatch(d -> (d.get(line).isEmpty() ? ' ' : d.get(line).charAt(0)) == mark);
    }

    /**
     * The diff with each run of added (or removed) lines that repeats a pattern of distinct lines differing only in
     * their numbers written as one period of that pattern, numbers folded ({@link NumberFold}). Headers and hunk
     * lines, context, and runs that repeat no pattern stay as they are.
     */
    public static List<String> foldRepeats(List<String> diff) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < diff.size()) {
            String line = diff.get(i);
            char mark = line.isEmpty() ? ' ' : line.charAt(0);
            boolean foldable = (mark == '+' && !line.startsWith("+++")) || (mark == '-' && !line.startsWith("---"));
            int end = i + 1;
            while (foldable && end < diff.size() && !diff.get(end).isEmpty() && diff.get(end).charAt(0) == mark
                    && !diff.get(end).startsWith("+++") && !diff.get(end).startsWith("---")) {
                end++;
            }
            out.addAll(foldable ? foldRun(diff.subList(i, end)) : List.of(line));
            i = end;
        }
        return out;
    }

    private static List<String> foldRun(List<String> run) {
        int n = run.size();
        if (n < 2 || run.stream().distinct().count() != n) {
            return run;
        }
        List<String> shapes = run.stream().map(l -> NUMBER.matcher(l).replaceAll("#")).toList();
        for (int p = 1; p <= n / 2; p++) {
            if (n % p != 0 || shapes.subList(0, p).stream().distinct().count() != p) {
                continue;
            }
            int period = p;
            boolean repeats = true;
            for (int k = p; k < n && repeats; k++) {
                repeats = shapes.get(k).equals(shapes.get(k % period));
            }
            if (repeats) {
                return NumberFold.fold(run);
            }
        }
        return run;
    }
}
