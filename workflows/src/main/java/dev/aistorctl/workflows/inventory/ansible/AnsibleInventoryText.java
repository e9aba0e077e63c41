package dev.aistorctl.workflows.inventory.ansible;

import static dev.aistorctl.workflows.inventory.InventoryYaml.oneLine;
import static dev.aistorctl.workflows.inventory.InventoryYaml.scalar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.aistorctl.inventory.ansible.AnsibleSetting;
import dev.aistorctl.inventory.ansible.AnsibleVar;
import dev.aistorctl.inventory.ansible.AnsibleWarning;
import dev.aistorctl.inventory.ansible.ImportedHost;
import dev.aistorctl.workflows.inventory.init.TodoMark;
import dev.aistorctl.workflows.text.HostRange;

/**
 * The inventory {@code import ansible} writes, in the style of {@code inventory init}: version 1,
 * each value carried over from Ansible commented with the variable and the {@code file:line} it
 * comes from, and a {@code TODO} value for every choice the Ansible inventory does not make (the
 * cluster's name, the binary, the root credentials, each pool's drives) or makes in a way only
 * Ansible can follow (a Jinja2 template, a proxy command). A setting every host has is written once
 * under {@code ssh:} with the value most hosts share, the exceptions under {@code hosts:}.
 */
final class AnsibleInventoryText {
    /** The per-host keys in the order they are written; all but {@code address} may move up to {@code ssh:}. */
    private static final List<String> KEYS = List.of("address", "user", "port", "identity_file", "jump_host");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private final List<TodoMark> todos = new ArrayList<>();
    private final Map<Integer, AnsibleVar> origins = new HashMap<>();

    /**
     * @param origins for each 1-based line that carries an Ansible value, the variable it came from
     */
    record Rendered(String text, List<TodoMark> todos, Map<Integer, AnsibleVar> origins) {
    }

    static Rendered render(String source, Map<String, List<ImportedHost>> pools, Map<String, String> leftOut,
                           List<AnsibleWarning> warnings, Instant now) {
        AnsibleInventoryText t = new AnsibleInventoryText();
        t.write(source, pools, leftOut, warnings, now);
        return new Rendered(String.join("\n", t.lines) + "\n", List.copyOf(t.todos), Map.copyOf(t.origins));
    }

    private void write(String source, Map<String, List<ImportedHost>> pools, Map<String, String> leftOut,
                       List<AnsibleWarning> warnings, Instant now) {
        List<ImportedHost> hosts = pools.values().stream().flatMap(List::stream).toList();
        line("# Written by aistorctl inventory import ansible on " + WHEN.format(now) + " from " + oneLine(source) + ": "
                + hosts.size() + (hosts.size() == 1 ? " host" : " hosts") + " in " + pools.size() + (pools.size() == 1 ? " pool." : " pools."));
        line("# Each TODO is a choice the Ansible inventory does not make: until it is filled in,");
        line("# 'aistorctl inventory validate -i FILE' names it at file:line:col and every command refuses the file.");
        if (!leftOut.isEmpty()) {
            line("#");
            line("# Left out, not reached over SSH:");
            leftOut.forEach((h, why) -> line("#   " + h + ": " + oneLine(why)));
        }
        if (!warnings.isEmpty()) {
            line("#");
            line("# Not carried over from " + oneLine(source) + ":");
            for (AnsibleWarning w : warnings) {
                line("#   " + w.where() + ": " + oneLine(w.message()) + (w.hosts().isEmpty() ? "" : " (" + who(w.hosts(), hosts.size()) + ")"));
            }
        }
        line("version: 1");
        line("cluster:");
        todo("  ", "name", "cluster.name", "name the cluster: [a-z0-9-], at most 32 characters; it is part of every data drive's label", null);
        line("  # hardware_profile: not known from Ansible; 'aistorctl inventory init' against these hosts names the built-in profile that fits");
        Map<String, AnsibleSetting> shared = shared(hosts);
        if (shared.isEmpty()) {
            line("ssh: {}  # Ansible sets none for every host: ssh_config and the defaults apply, see docs/inventory.md");
        } else {
            line("ssh:");
            for (String key : KEYS) {
                if (shared.containsKey(key)) {
                    setting("  ", key, "ssh." + key, shared.get(key));
                }
            }
        }
        line("node:");
        line("  flavour: minio");
        todo("  ", "binary", "node.binary", "the MinIO AIStor binary: {path: FILE, sha256: HEX} or {url: https://..., sha256: HEX}", null);
        todo("  ", "root_user", "node.root_user", "MinIO's root user: 3 to 64 of A-Z a-z 0-9 . _ -", null);
        todo("  ", "root_password", "node.root_password",
                "MinIO's root password by reference: {env: VARIABLE} or {file: PATH}, never the password itself", null);
        line("pools:");
        int index = 0;
        for (Map.Entry<String, List<ImportedHost>> pool : pools.entrySet()) {
            pool(index++, pool.getKey(), pool.getValue());
        }
        List<ImportedHost> own = hosts.stream().filter(h -> KEYS.stream().anyMatch(k -> own(h, k, shared))).toList();
        if (!own.isEmpty()) {
            line("hosts:");
            for (ImportedHost h : own) {
                line("  " + scalar(h.name()) + ":" + "  # " + h.where());
                for (String key : KEYS) {
                    if (own(h, key, shared)) {
                        setting("    ", key, "hosts." + h.name() + "." + key, h.setting(key).get());
                    }
                }
            }
        }
    }

    private void pool(int index, String name, List<ImportedHost> hosts) {
        String key = "pools[" + index + "]";
        line("  - name: " + name);
        List<String> parts = List.of(HostRange.of(hosts.stream().map(ImportedHost::name).toList()).split(","));
        if (parts.size() == 1) {
            line("    hosts: " + scalar(parts.get(0)));
        } else {
            line("    hosts:");
            parts.forEach(p -> line("      - " + scalar(p)));
        }
        line("    drives:");
        todo("      ", "count", key + ".drives.count", "data drives per host: the Ansible inventory does not say; 'aistorctl facts' lists"
                + " each host's drives, 'aistorctl inventory init' writes the rule from them", null);
        line("      # select: {transport: nvme, model: \"MODEL*\", min_size: 15TB} takes only those; every eligible drive when left out");
        line("      # mount: one path per drive, /mnt/drive{1...count} when left out");
    }

    /**
     * For each key every host sets, the value most hosts share (the first on a tie), written once under
     * {@code ssh:}; a host with another value keeps its own under {@code hosts:}, which wins. A key some
     * hosts leave unset stays per host, so that ssh_config and the defaults still apply to the others.
     */
    private static Map<String, AnsibleSetting> shared(List<ImportedHost> hosts) {
        Map<String, AnsibleSetting> out = new LinkedHashMap<>();
        for (String key : KEYS.subList(1, KEYS.size())) {
            if (hosts.isEmpty() || !hosts.stream().allMatch(h -> h.setting(key).isPresent())) {
                continue;
            }
            AnsibleSetting best = null;
            long bestCount = 0;
            for (ImportedHost h : hosts) {
                AnsibleSetting s = h.setting(key).get();
                long count = hosts.stream().filter(o -> sameAs(o.setting(key).get(), s)).count();
                if (count > bestCount) {
                    best = s;
                    bestCount = count;
                }
            }
            out.put(key, best);
        }
        return out;
    }

    /** Whether the host writes the key itself: it has it, and not as the value under ssh. */
    private static boolean own(ImportedHost h, String key, Map<String, AnsibleSetting> shared) {
        return h.setting(key).map(s -> !shared.containsKey(key) || !sameAs(s, shared.get(key))).orElse(false);
    }

    private static boolean sameAs(AnsibleSetting a, AnsibleSetting b) {
        return a.isTodo() ? b.isTodo() && a.from().where().equals(b.from().where()) : Objects.equals(a.value(), b.value());
    }

    private void setting(String indent, String key, String path, AnsibleSetting s) {
        if (s.isTodo()) {
            todo(indent, key, path, s.todo(), s.from());
            return;
        }
        line(indent + key + ": " + scalar(s.value()) + "  # " + s.from().name() + ", " + s.from().where());
        origins.put(lines.size(), s.from());
    }

    private void todo(String indent, String key, String path, String what, AnsibleVar from) {
        line(indent + "# TODO: " + oneLine(what));
        line(indent + key + ": TODO");
        todos.add(new TodoMark(lines.size(), indent.length() + key.length() + 3, path, oneLine(what)));
        if (from != null) {
            origins.put(lines.size(), from);
        }
    }

    private void line(String text) {
        lines.add(text);
    }

    private static String who(List<String> names, int total) {
        if (names.size() == total && total > 1) {
            return "every host";
        }
        return HostRange.of(names);
    }
}
