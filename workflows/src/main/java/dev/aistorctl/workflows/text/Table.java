package dev.aistorctl.workflows.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A plain text table: columns padded to their widest cell; cells may carry ANSI colours, which take no width. */
public final class Table {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = visibleLength(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], visibleLength(row.get(c)));
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, headers, widths);
        for (List<String> row : rows) {
            appendLine(text, row, widths);
        }
        return text.toString();
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - visibleLength(cell) + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static int visibleLength(String cell) {
        return ANSI.matcher(cell).replaceAll("").length();
    }
}
