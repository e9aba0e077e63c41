package dev.aistorctl.workflows.inventory.init;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.ErasureLayout;
import dev.aistorctl.inventory.ImpossibleErasureLayoutException;
import dev.aistorctl.workflows.inventory.InventoryYaml;
import dev.aistorctl.workflows.hardware.ProfileFit;
import dev.aistorctl.workflows.text.HostRange;

/**
 * The inventory {@code init} writes: version 1, commented so a person can review every choice, and a
 * {@code TODO} value wherever the facts cannot decide (the cluster's name, the binary, the root
 * credentials, a pool whose hosts have no data drive or two kinds of them). The loader refuses a TODO
 * value at its {@code file:line:col}, so nothing left open can be used by mistake.
 */
final class InitInventoryText {
    /** At most this many lines of set-aside devices or caveats per pool; the rest are counted. */
    private static final int MAX_NOTES = 12;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private final List<TodoMark> todos = new ArrayList<>();

    record Rendered(String text, List<TodoMark> todos) {
    }

    static Rendered render(InitRequest request, List<HostSurvey> surveys, List<HardwareGroup> groups, ProfileFit fit, Instant now) {
        InitInventoryText t = new InitInventoryText();
        t.write(request, surveys, groups, fit, now);
        return new Rendered(String.join("\n", t.lines) + "\n", List.copyOf(t.todos));
    }

    private void write(InitRequest request, List<HostSurvey> surveys, List<HardwareGroup> groups, ProfileFit fit, Instant now) {
        List<HostSurvey> unreachable = surveys.stream().filter(s -> !s.reachable()).toList();
        int answered = surveys.size() - unreachable.size();
        line("# Written by aistorctl inventory init on " + WHEN.format(now) + " from " + plural(surveys.size(), "host") + ": "
                + answered + " answered" + (unreachable.isEmpty() ? "." : ", " + unreachable.size() + " did not."));
        line("# Each TODO is a choice init could not make from the facts: until it is filled in,");
        line("# 'aistorctl inventory validate -i FILE' names it at file:line:col and every command refuses the file.");
        if (!unreachable.isEmpty()) {
            line("#");
            line("# Not reachable, left out of the pools (nothing is guessed for them; run init again when they answer):");
            for (HostSurvey s : unreachable) {
                line("#   " + s.host() + ": " + oneLine(s.error()));
            }
        }
        line("version: 1");
        line("cluster:");
        todo("  ", "name", "cluster.name", "name the cluster: [a-z0-9-], at most 32 characters; it is part of every data drive's label");
        profile(fit);
        line("ssh:");
        line("  user: " + scalar(request.sshUser()));
        request.identityFile().ifPresent(p -> line("  identity_file: " + scalar(absolute(p))));
        request.knownHosts().ifPresent(p -> line("  known_hosts: " + scalar(absolute(p))));
        request.jumpHost().ifPresent(j -> line("  jump_host: " + scalar(j)));
        if (request.acceptNewHostKeys()) {
            line("  # Host keys not yet known were recorded by --accept-new-host-keys: compare them with the hosts' own.");
        }
        line("node:");
        line("  flavour: minio");
        todo("  ", "binary", "node.binary", "the MinIO AIStor binary: {path: FILE, sha256: HEX} or {url: https://..., sha256: HEX}");
        todo("  ", "root_user", "node.root_user", "MinIO's root user: 3 to 64 of A-Z a-z 0-9 . _ -");
        todo("  ", "root_password", "node.root_password",
                "MinIO's root password by reference: {env: VARIABLE} or {file: PATH}, never the password itself");
        line("pools:");
        for (int i = 0; i < groups.size(); i++) {
            pool(i, groups.get(i));
        }
    }

    private void profile(ProfileFit fit) {
        if (fit.chosen().isPresent()) {
            List<String> others = fit.fitting().subList(1, fit.fitting().size());
            line("  # " + fit.chosen().get() + ": the built-in hardware profile these hosts pass with the most checks"
                    + (others.isEmpty() ? "" : " (they also pass " + String.join(", ", others) + ")") + ".");
            line("  hardware_profile: " + fit.chosen().get());
            return;
        }
        line("  # No built-in hardware profile fits these hosts; verify-hardware would fail them:");
        fit.misfits().forEach((name, why) -> line("  #   " + name + ": " + oneLine(why)));
        line("  # Write a profile for this hardware (see docs/hardware.md) and name it: hardware_profile: PATH");
    }

    private void pool(int index, HardwareGroup group) {
        String key = "pools[" + index + "]";
        List<String> names = group.names();
        line("  # " + plural(names.size(), "host") + ": " + group.description());
        notes("Not data drives (the drive guard never formats them)", group, HostSurvey::setAside);
        notes("Data drives that drives prepare refuses as they are (what is on them must go first)", group, HostSurvey::caveats);
        List<Map.Entry<DataDriveKind, Integer>> kinds = group.kindCounts();
        Optional<DataDriveKind> kind = kinds.isEmpty() ? Optional.empty() : Optional.of(kinds.get(0).getKey());
        int count = kinds.isEmpty() ? 0 : kinds.get(0).getValue();
        boolean decided = kinds.size() == 1 && count <= 99;
        if (decided) {
            if (kind.get().mixedSizes()) {
                line("  # The drives differ in size (" + kind.get().describe() + "): MinIO counts each drive of a set as the set's smallest.");
            }
            layout(names.size(), count, kind.get());
        }
        line("  - name: pool" + (index + 1));
        List<String> parts = List.of(HostRange.of(names).split(","));
        if (parts.size() == 1) {
            line("    hosts: " + scalar(parts.get(0)));
        } else {
            line("    hosts:");
            parts.forEach(p -> line("      - " + scalar(p)));
        }
        line("    drives:");
        if (kinds.isEmpty()) {
            todo("      ", "count", key + ".drives.count", "no data drive found on these hosts (see above): give the count of"
                    + " data drives per host and a select rule that takes them");
            return;
        }
        if (decided) {
            line("      count: " + count);
        } else if (kinds.size() > 1) {
            List<String> described = kinds.stream().map(e -> e.getValue() + " x " + e.getKey().describe()).toList();
            todo("      ", "count", key + ".drives.count", "these hosts have " + kinds.size() + " kinds of data drive ("
                    + String.join("; ", described) + "): keep the kind meant for data in select and give its count");
        } else {
            todo("      ", "count", key + ".drives.count", count + " data drives per host, more than the 99 a host may have:"
                    + " select the ones meant for data and give their count");
        }
        DataDriveKind k = kind.get();
        StringBuilder select = new StringBuilder("{transport: " + k.selectTransport().label());
        if (k.model() != null) {
            select.append(", model: ").append(quoted(k.model()));
        }
        select.append(", min_size: ").append(k.minSize()).append('}');
        line("      select: " + select);
        if (decided) {
            line("      mount: " + (count == 1 ? "/mnt/drive1" : "\"/mnt/drive{1..." + count + "}\""));
        } else {
            line("      # mount: one path per drive, /mnt/drive{1...count} when left out");
        }
    }

    private void layout(int hosts, int count, DataDriveKind kind) {
        try {
            ErasureLayout layout = ErasureLayout.choose(hosts, count);
            long size = kind.minSizeBytes();
            line("  # Erasure layout: " + layout + "; usable " + ByteSize.decimal(layout.usableBytes(size)) + " of "
                    + ByteSize.decimal(layout.rawBytes(size)) + " raw (" + Math.round(layout.usableFraction() * 100)
                    + " %), counting each drive as its min_size.");
        } catch (ImpossibleErasureLayoutException e) {
            // the loader refuses the count with the same reason, at its line
            line("  # TODO: no erasure layout for " + hosts + " x " + count + " drives: " + oneLine(e.getMessage())
                    + (e.hint().isEmpty() ? "" : "; " + oneLine(e.hint())));
        }
    }

    /** One line per distinct note, with the hosts that have it as a range. */
    private void notes(String title, HardwareGroup group, Function<HostSurvey, List<String>> of) {
        Map<String, List<String>> hostsByNote = new LinkedHashMap<>();
        for (HostSurvey s : group.hosts()) {
            for (String note : of.apply(s)) {
                hostsByNote.computeIfAbsent(note, n -> new ArrayList<>()).add(s.host());
            }
        }
        if (hostsByNote.isEmpty()) {
            return;
        }
        line("  # " + title + ":");
        int shown = 0;
        for (Map.Entry<String, List<String>> e : hostsByNote.entrySet()) {
            if (shown == MAX_NOTES) {
                line("  #   ... and " + (hostsByNote.size() - MAX_NOTES) + " more");
                break;
            }
            String where = e.getValue().size() == group.hosts().size() && group.hosts().size() > 1 ? "every host"
                    : HostRange.of(e.getValue());
            line("  #   " + where + ": " + oneLine(e.getKey()));
            shown++;
        }
    }

    private void todo(String indent, String key, String path, String what) {
        line(indent + "# TODO: " + oneLine(what));
        line(indent + key + ": TODO");
        todos.add(new TodoMark(lines.size(), indent.length() + key.length() + 3, path, what));
    }

    private void line(String text) {
        lines.add(text);
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    static String scalar(String value) {
        return InventoryYaml.scalar(value);
    }

    static String quoted(String value) {
        return InventoryYaml.quoted(value);
    }

    static String oneLine(String text) {
        return InventoryYaml.oneLine(text);
    }

    private static String plural(int n, String word) {
        return n + " " + (n == 1 ? word : word + "s");
    }
}
