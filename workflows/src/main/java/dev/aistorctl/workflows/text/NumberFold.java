package dev.aistorctl.workflows.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aistorctl.storagenode.minio.Ellipses;

/**
 * Lines that differ only in their numbers written as one: {@code mount point /mnt/drive{1...8}: (absent) ->
 * directory}. A number that takes consecutive values in the lines' order becomes a range; one that does not
 * becomes the list of its values in that order ({@code {3,1,2}}), so the n-th value of every position still
 * belongs to the same line. Lines are kept in the order of their first appearance.
 */
public final class NumberFold {
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private NumberFold() {
    }

    public static List<String> fold(List<String> lines) {
        Map<String, List<List<String>>> byShape = new LinkedHashMap<>();
        Map<String, List<String>> literals = new LinkedHashMap<>();
        for (String line : lines) {
            List<String> text = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            Matcher m = NUMBER.matcher(line);
            int at = 0;
            while (m.find()) {
                text.add(line.substring(at, m.start()));
                numbers.add(m.group());
                at = m.end();
            }
            text.add(line.substring(at));
            // A line that already holds a range is left alone: folding it again would nest ranges. A change with a
            // file's diff is never folded: its numbers are the file's content.
            String shape = line.contains("{") || line.contains("}") || line.contains("\n") ? "\u0001" + line
                    : String.join("\u0000", text);
            byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(numbers);
            literals.putIfAbsent(shape, text);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> e : byShape.entrySet()) {
            List<String> text = literals.get(e.getKey());
            List<List<String>> rows = e.getValue();
            StringBuilder line = new StringBuilder(text.get(0));
            for (int i = 0; i < text.size() - 1; i++) {
                List<String> values = new ArrayList<>();
                for (List<String> row : rows) {
                    values.add(row.get(i));
                }
                line.append(values(values)).append(text.get(i + 1));
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String values(List<String> values) {
        if (values.stream().distinct().count() == 1) {
            return values.get(0);
        }
        return Ellipses.compress(values).orElseGet(() -> "{" + String.join(",", values) + "}");
    }
}
