package dev.aistorctl.workflows.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.workflows.text.NumberFold;
import dev.aistorctl.workflows.text.Table;

/**
 * The drives a plan formats, as a person checks them before saying yes: one table, a block of rows per host, the
 * host named on its first row. Drives of one host that are alike (model, size, what is on them now, what is done to
 * them, and a device, mount point and label that differ only in their numbers) are one row, their devices, mount
 * points and labels written as ranges ({@code /mnt/drive{1...8}}, the n-th value of each belonging to the same drive)
 * and every serial listed in that order, wrapped onto continuation lines rather than shortened: the serials are what
 * a person compares with the labels on the hardware. A drive unlike the others of its host (another model, a file
 * system found on it) has a row of its own. Hosts are never folded into one another, however alike: each host's
 * serials are its own.
 */
final class DriveTable {
    /** How wide a line of the table may grow: its serial list wraps to stay within it, down to {@link #MIN_SERIAL_WIDTH}. */
    static final int LINE_WIDTH = 132;
    /** How narrow a serial list may wrap, however wide the rest of its row: a few serials a line at least. */
    static final int MIN_SERIAL_WIDTH = 44;
    private static final String[] HEADERS = {"HOST", "DEVICE", "MODEL", "SIZE", "NOW", "ACTION", "MOUNT", "LABEL", "SERIAL"};
    private static final String ABSENT = "-";

    private DriveTable() {
    }

    /** The table of {@code drives} (each a format of one drive), drives alike on a host folded into one row. */
    static String render(List<PlanText.Line> drives) {
        Map<String, Map<String, List<Map<String, String>>>> alikeByHost = new LinkedHashMap<>();
        for (PlanText.Line l : drives) {
            Map<String, String> drive = new LinkedHashMap<>(l.change().key().attributes());
            drive.put("device", l.change().key().subject());
            alikeByHost.computeIfAbsent(l.host(), k -> new LinkedHashMap<>()).computeIfAbsent(alike(drive), k -> new ArrayList<>())
                    .add(drive);
        }
        List<String[]> rows = new ArrayList<>();
        List<List<String>> serialsOf = new ArrayList<>();
        alikeByHost.forEach((host, groups) -> {
            String first = host;
            for (List<Map<String, String>> group : groups.values()) {
                Map<String, String> d = group.get(0);
                rows.add(new String[] {first, fold(group, "device"), d.get(XfsDrives.MODEL), d.get(XfsDrives.SIZE),
                        d.get(XfsDrives.STATE), d.get(XfsDrives.ACTION), fold(group, XfsDrives.MOUNT), fold(group, XfsDrives.LABEL)});
                serialsOf.add(group.stream().map(x -> orAbsent(x.get("serial"))).toList());
                first = "";
            }
        });
        // The serials wrap where the rest of the row leaves them room within a line's width.
        Table rest = new Table(Arrays.copyOf(HEADERS, HEADERS.length - 1));
        rows.forEach(r -> rest.row((Object[]) r));
        int restWidth = rest.render().lines().mapToInt(String::length).max().orElse(0);
        int serialWidth = Math.max(MIN_SERIAL_WIDTH, LINE_WIDTH - restWidth - 2);
        Table table = new Table(HEADERS);
        for (int i = 0; i < rows.size(); i++) {
            List<String> serials = serialLines(serialsOf.get(i), serialWidth);
            String[] row = Arrays.copyOf(rows.get(i), HEADERS.length);
            row[HEADERS.length - 1] = serials.get(0);
            table.row((Object[]) row);
            for (String more : serials.subList(1, serials.size())) {
                String[] continued = new String[HEADERS.length];
                Arrays.fill(continued, "");
                continued[HEADERS.length - 1] = more;
                table.row((Object[]) continued);
            }
        }
        return table.render().stripTrailing();
    }

    /**
     * What drives of one host share to be one row: everything but their numbers. A device, mount point or label
     * of another pattern (an SATA disk among NVMe drives, a mount point outside the pool's) makes a row of its own.
     */
    private static String alike(Map<String, String> drive) {
        List<String> parts = new ArrayList<>();
        for (String attribute : List.of(XfsDrives.MODEL, XfsDrives.SIZE, XfsDrives.STATE, XfsDrives.ACTION)) {
            parts.add(String.valueOf(drive.get(attribute)));
        }
        for (String numbered : List.of("device", XfsDrives.MOUNT, XfsDrives.LABEL)) {
            String value = drive.get(numbered);
            // A value already written with braces would be folded into a nested range: it stays on its own.
            parts.add(value == null ? "\u0000" : value.contains("{") || value.contains("}") ? value : value.replaceAll("[0-9]+", "#"));
        }
        return String.join("\u0001", parts);
    }

    /** The values of {@code attribute} of alike drives as one, numbers as ranges or lists in the drives' order. */
    private static String fold(List<Map<String, String>> group, String attribute) {
        if (group.stream().allMatch(d -> d.get(attribute) == null)) {
            return null;
        }
        return String.join(",", NumberFold.fold(group.stream().map(d -> orAbsent(d.get(attribute))).toList()));
    }

    /** Every serial, in the drives' order, as lines no wider than {@code width} (one serial at least each). */
    static List<String> serialLines(List<String> serials, int width) {
        if (serials.stream().allMatch(ABSENT::equals)) {
            return List.of(ABSENT);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < serials.size(); i++) {
            String piece = serials.get(i) + (i < serials.size() - 1 ? "," : "");
            if (line.length() > 0 && line.length() + 1 + piece.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(piece);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String orAbsent(String value) {
        return value == null || value.isBlank() ? ABSENT : value;
    }
}
