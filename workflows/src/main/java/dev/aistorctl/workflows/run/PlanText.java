package dev.aistorctl.workflows.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.drives.DriveMounts;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.workflows.text.DiffFold;
import dev.aistorctl.workflows.text.HostRange;
import dev.aistorctl.workflows.text.NumberFold;

/**
 * A plan (or the changes a run made) as a person reviews it at the scale of a rack: the drives to be
 * formatted first, as one table with a block per host and a row per kind of drive ({@link DriveTable}); then
 * every other change once, with the hosts it is
 * identical on written as a range ({@code node{01...08}: tune: sysctl net.core.somaxconn: 4096 -> 65535}),
 * and changes of one host that differ only in a number written once with the numbers as a range
 * ({@code mount point /mnt/drive{1...8}}). With {@code -v} commands print every change of every host instead.
 */
public final class PlanText {

    /**
     * One line of a plan on one host.
     *
     * @param section what plans it (a playbook, a step), or null
     * @param change  the change, or null for a note about the host's plan (its planning failed, ...)
     * @param note    the note's text, when there is no change
     */
    public record Line(String host, String section, Change change, String note) {
        public static Line of(String host, String section, Change change) {
            return new Line(host, section, change, null);
        }

        public static Line note(String host, String section, String note) {
            return new Line(host, section, null, note);
        }

        boolean drive() {
            return change != null && change.destructive() && change.key().kind().equals(XfsDrives.KEY_KIND);
        }

        String text() {
            if (change == null) {
                return note;
            }
            return (change.destructive() ? "DESTRUCTIVE " : "") + change.what() + ": " + change.before() + " -> " + change.after()
                    + (change.diff() == null ? "" : "\n" + change.diff().stripTrailing());
        }
    }

    static final String DIFF_INDENT = "    ";

    private PlanText() {
    }

    /** A change's diff, each line indented by {@code indent}; empty when the change has none. */
    public static List<String> diff(Change c, String indent) {
        return c.diff() == null ? List.of() : c.diff().lines().map(l -> indent + l).toList();
    }

    /** The changes a run planned (or made) that are not yet true, each under the section {@code section} names. */
    public static List<Line> of(RunResult run, Function<StepResult, String> section) {
        List<Line> out = new ArrayList<>();
        for (HostResult h : run.hosts()) {
            for (StepResult s : h.steps()) {
                if (s.plan() != null) {
                    // said whether or not the step changes anything: a converged host can have a drive left over too
                    s.plan().warnings().forEach(w -> out.add(Line.note(h.host(), section.apply(s), "WARN " + w)));
                }
                if (s.plan() == null || s.plan().isEmpty() || s.status() == StepStatus.OK) {
                    continue;
                }
                for (Change c : s.plan().changes()) {
                    out.add(Line.of(h.host(), section.apply(s) + (s.status() == StepStatus.FAILED ? " (failed)" : ""), c));
                }
            }
        }
        return out;
    }

    /** The drive table (when any drive is to be formatted), then every other line grouped; each line starts with {@code indent}. */
    public static List<String> render(List<Line> lines, String indent) {
        List<String> out = new ArrayList<>();
        List<Line> drives = lines.stream().filter(Line::drive).toList();
        if (!drives.isEmpty()) {
            DriveTable.render(drives).lines().forEach(l -> out.add(indent + l));
        }
        Map<String, Map<String, List<String>>> byHost = new LinkedHashMap<>();
        for (Line l : lines) {
            if (!l.drive() && !mountOfFormattedDrive(l, drives)) {
                byHost.computeIfAbsent(l.host(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(l.section() == null ? "" : l.section(), k -> new ArrayList<>()).add(l.text());
            }
        }
        // Each distinct line (a change without its diff) with the hosts it is on, and each host's diff of it.
        Map<String, Map<String, String>> hostsOf = new LinkedHashMap<>();
        Set<String> settings = new HashSet<>();
        for (Line l : lines) {
            if (l.change() != null && l.change().diff() != null && NodeFiles.SETTINGS.contains(l.change().key().subject())) {
                settings.add(head(l.section() == null ? l.text() : l.section() + ": " + l.text()));
            }
        }
        byHost.forEach((host, sections) -> sections.forEach((section, texts) -> {
            for (String text : NumberFold.fold(texts)) {
                String line = section.isEmpty() ? text : section + ": " + text;
                int nl = line.indexOf('\n');
                hostsOf.computeIfAbsent(head(line), k -> new LinkedHashMap<>())
                        .put(host, nl < 0 ? "" : line.substring(nl + 1));
            }
        }));
        // A line that differs from host to host (each host's own devices) stands beside its like, not after every other line.
        Map<String, Integer> shapeOrder = new LinkedHashMap<>();
        hostsOf.keySet().forEach(line -> shapeOrder.putIfAbsent(shape(line), shapeOrder.size()));
        List<Map.Entry<String, Map<String, String>>> ordered = new ArrayList<>(hostsOf.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> shapeOrder.get(shape(e.getKey()))));
        if (!drives.isEmpty() && !ordered.isEmpty()) {
            out.add("");
        }
        for (Map.Entry<String, Map<String, String>> e : ordered) {
            out.addAll(withDiffs(e.getKey(), e.getValue(), indent, !settings.contains(e.getKey())));
        }
        return out;
    }

    /** A line's first line: the change without its diff. */
    private static String head(String line) {
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }

    /**
     * A line once for every host it is on, with the file's diff under it, indented: folded to its size when the
     * diff is the same on all those hosts (several of them) and {@code foldable}, once in full when it differs only
     * in a few words (written {@code <per host>}), else once per group of hosts whose diff is the same.
     *
     * @param foldable false for a file a person must read before the cluster starts ({@link NodeFiles#SETTINGS}): its
     *                 diff is shown once for all the hosts it is identical on, never folded to its size
     */
    private static List<String> withDiffs(String line, Map<String, String> diffOf, String indent, boolean foldable) {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> hostsOfDiff = new LinkedHashMap<>();
        diffOf.forEach((host, diff) -> hostsOfDiff.computeIfAbsent(diff, k -> new ArrayList<>()).add(host));
        Optional<List<String>> merged = hostsOfDiff.size() == 1 ? Optional.of(hostsOfDiff.keySet().iterator().next().lines().toList())
                : DiffFold.merge(hostsOfDiff.keySet().stream().map(d -> d.lines().toList()).toList());
        if (foldable && hostsOfDiff.size() == 1 && diffOf.size() > 1 && !hostsOfDiff.keySet().iterator().next().isEmpty()) {
            // The same file on every one of these hosts (the tune files, the unit): what it holds is read once with -v.
            out.add(indent + HostRange.of(List.copyOf(diffOf.keySet())) + ": " + line);
            out.add(indent + DIFF_INDENT + foldedDiff(hostsOfDiff.keySet().iterator().next(), diffOf.size()));
            return out;
        }
        if (merged.isPresent()) {
            out.add(indent + HostRange.of(List.copyOf(diffOf.keySet())) + ": " + line);
            DiffFold.foldRepeats(merged.get()).forEach(d -> out.add(indent + DIFF_INDENT + d));
            return out;
        }
        hostsOfDiff.forEach((diff, hosts) -> {
            out.add(indent + HostRange.of(hosts) + ": " + line);
            DiffFold.foldRepeats(diff.lines().toList()).forEach(d -> out.add(indent + DIFF_INDENT + d));
        });
        return out;
    }

    /** {@code diff: +8 -0 lines, the same on these 8 hosts; -v shows it}: a diff identical on several hosts, folded. */
    static String foldedDiff(String diff, int hosts) {
        long added = diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++ ")).count();
        long removed = diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("--- ")).count();
        return "diff: +" + added + " -" + removed + " lines, the same on these " + hosts + " hosts; -v shows it";
    }

    private static String shape(String line) {
        return line.replaceAll("[0-9]+", "#");
    }

    /**
     * Mounting a drive that is formatted is what its row in the drive table says (device, mount point, label):
     * the row stands for it. Any other mount, of a drive formatted before, is a change of its own.
     */
    private static boolean mountOfFormattedDrive(Line l, List<Line> drives) {
        if (l.change() == null || !l.change().key().kind().equals(DriveMounts.MOUNT_KEY_KIND)) {
            return false;
        }
        Map<String, String> mount = l.change().key().attributes();
        return drives.stream().anyMatch(d -> d.host().equals(l.host())
                && l.change().key().subject().equals(d.change().key().attributes().get(XfsDrives.MOUNT))
                && d.change().key().subject().equals(mount.get("device"))
                && d.change().key().attributes().get(XfsDrives.LABEL).equals(mount.get("label")));
    }
}
