package dev.aistorctl.inventory;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.core.config.MappingFields;
import dev.aistorctl.core.config.Problems;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code pools} list: hosts expanded and checked, drives, mounts, the drive selector, and
 * each pool's erasure layout. Remembers every host it has seen, so a host listed twice, in one pool
 * or in two, is reported where it appears the second time.
 */
final class PoolReader {
    private static final List<String> POOL_KEYS = List.of("name", "hosts", "drives");
    private static final List<String> DRIVES_KEYS = List.of("count", "select", "mount");
    private static final List<String> SELECT_KEYS = List.of("transport", "model", "min_size", "max_size", "serials");
    private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    /** A drive's XFS label ends in its two-digit index ({@code d01} to {@code d99}), so a host has at most 99. */
    private static final int MAX_DRIVES_PER_HOST = 99;
    /** A mount path's length in bytes at most: one file name's worth, ample for /mnt/drive12. */
    static final int MAX_MOUNT_PATH_BYTES = 255;
    /**
     * Directories of the operating system (the FHS top level and Debian/RHEL additions): a mount
     * path may be neither one of them nor below one. A drive mounted there hides the system's own
     * files, or lands where packages, logs or the runtime write.
     */
    static final List<String> SYSTEM_DIRECTORIES = List.of("/bin", "/boot", "/dev", "/efi", "/etc", "/home", "/lib", "/lib32",
            "/lib64", "/libx32", "/lost+found", "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp", "/usr", "/var");
    /** Directories that hold mount points: a drive goes below them, never on them. */
    static final List<String> DRIVE_PARENTS = List.of("/mnt", "/media");
    /**
     * The hosts a whole inventory may expand to. Each pattern is capped at {@link HostPattern#MAX_NAMES},
     * but a file of a thousand such patterns would otherwise validate as ten million hosts, minutes of work
     * and gigabytes of memory before any message. The largest MinIO deployments are a few thousand servers.
     */
    static final int MAX_HOSTS = 10_000;

    private final Problems problems;
    private final InventoryValues values;
    private final Map<String, HostSeen> seenHosts = new LinkedHashMap<>();

    /** A host as first seen: its name as written, its pool, and where. */
    record HostSeen(String name, String pool, Node node) {
    }

    PoolReader(Problems problems, InventoryValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** Every host of every pool read so far, keyed by {@link Inventory#key}. */
    Map<String, HostSeen> seenHosts() {
        return seenHosts;
    }

    List<Pool> read(Node node) {
        if (node == null) {
            return List.of();
        }
        SequenceNode seq = values.sequence(node, "pools", "pools is a list: '- name: pool1' ...");
        if (seq == null) {
            return List.of();
        }
        if (seq.getValue().isEmpty()) {
            problems.at(node, "pools is empty", "add at least one pool with name, hosts and drives");
            return List.of();
        }
        if (tooManyHosts(seq)) {
            return List.of();
        }
        List<Pool> pools = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (Node item : seq.getValue()) {
            Pool pool = pool(item, names);
            if (pool != null) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /**
     * Counts the hosts of every pool before any pattern is expanded, and reports the pattern that takes
     * the inventory past {@link #MAX_HOSTS}. Patterns that cannot be counted are left to the full reading,
     * which reports them.
     */
    private boolean tooManyHosts(SequenceNode pools) {
        long total = 0;
        for (Node pool : pools.getValue()) {
            Node hosts = pool instanceof MappingNode map ? map.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("hosts"))
                    .map(NodeTuple::getValueNode).findFirst().orElse(null) : null;
            List<Node> items = hosts instanceof SequenceNode list ? list.getValue() : hosts == null ? List.of() : List.of(hosts);
            for (Node item : items) {
                if (!(item instanceof ScalarNode pattern)) {
                    continue;
                }
                try {
                    total += HostPattern.count(pattern.getValue());
                } catch (HostPatternException e) {
                    continue;
                }
                if (total > MAX_HOSTS) {
                    problems.at(item, "hosts: '" + pattern.getValue() + "' takes the inventory to more than " + MAX_HOSTS + " hosts",
                            "check the range ends for a typo; an inventory holds at most " + MAX_HOSTS + " hosts");
                    return true;
                }
            }
        }
        return false;
    }

    private Pool pool(Node item, Map<String, Node> names) {
        MappingNode map = values.mapping(item, "a pool", "each pool has name, hosts and drives");
        if (map == null) {
            return null;
        }
        Node nameNode = map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals("name"))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
        String guessed = nameNode instanceof ScalarNode s ? s.getValue() : "#" + (names.size() + 1);
        MappingFields f = new MappingFields(map, "in pool '" + guessed + "'", POOL_KEYS, problems);
        String name = values.label(f.required("name", item, "name the pool, e.g. name: pool1"), "pool name", "pool1");
        if (name != null) {
            Node first = names.putIfAbsent(name, f.get("name"));
            if (first != null) {
                problems.at(f.get("name"), "pool name '" + name + "' is used twice (first at line " + (first.getStartMark().getLine() + 1) + ")",
                        "give every pool its own name");
            }
        }
        String poolName = name != null ? name : guessed;
        Node hostsNode = f.required("hosts", item, "hosts: node{01...08}.dc1.example.net");
        List<String> hosts = hostsNode == null ? null : hosts(hostsNode, poolName);
        Node drivesNode = f.required("drives", item, "drives: {count: 8, mount: /mnt/drive{1...8}}");
        DriveRule drives = drivesNode == null ? null : drives(drivesNode, f.keyNode("drives"), poolName);
        if (name == null || hosts == null || drives == null || hosts.isEmpty()) {
            return null;
        }
        ErasureLayout layout;
        try {
            layout = ErasureLayout.choose(hosts.size(), drives.count());
        } catch (ImpossibleErasureLayoutException e) {
            Node countNode = ((MappingNode) drivesNode).getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals("count"))
                    .map(NodeTuple::getValueNode).findFirst().orElse(drivesNode);
            problems.at(countNode, "pool '" + name + "' has no valid erasure layout: " + e.getMessage(), e.hint());
            return null;
        }
        String pattern = hostsNode instanceof ScalarNode s ? s.getValue()
                : String.join(",", ((SequenceNode) hostsNode).getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList());
        return new Pool(name, pattern, hosts, drives, layout);
    }

    private List<String> hosts(Node node, String pool) {
        List<ScalarNode> items = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                problems.at(node, "pool '" + pool + "' lists no hosts", "hosts: node{01...08}.dc1.example.net");
                return null;
            }
            for (Node n : seq.getValue()) {
                ScalarNode s = values.scalar(n, "a host in pool '" + pool + "'");
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
        } else {
            ScalarNode s = values.scalar(node, "hosts of pool '" + pool + "'");
            if (s == null) {
                return null;
            }
            items.add(s);
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (ScalarNode item : items) {
            List<String> names = hostItem(item, pool);
            if (names == null) {
                ok = false;
            } else {
                out.addAll(names);
            }
        }
        return ok ? out : null;
    }

    private List<String> hostItem(ScalarNode item, String pool) {
        String text = item.getValue();
        if (!values.metacharacterFree(item, text, "host '" + text + "' in pool '" + pool + "'",
                "host names hold letters, digits, '-' and '.'; ranges are written {01...08} or [01:08]")) {
            return null;
        }
        List<String> names;
        try {
            names = HostPattern.expand(text);
        } catch (HostPatternException e) {
            problems.inside(item, e.index(), "hosts of pool '" + pool + "': " + e.getMessage(), e.hint());
            return null;
        }
        for (String name : names) {
            Optional<String> bad = HostAddress.problem(name);
            if (bad.isPresent()) {
                problems.at(item, "host in pool '" + pool + "': " + bad.get(), "a host is a DNS name (node01.dc1.example.net) or an IP address");
                return null;
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            HostSeen first = seenHosts.putIfAbsent(Inventory.key(name), new HostSeen(name, pool, item));
            if (first != null) {
                String where = first.pool().equals(pool) ? "pool '" + pool + "'" : "pool '" + first.pool() + "'";
                problems.at(item, "host '" + name + "' appears twice: already in " + where + " at line "
                        + (first.node().getStartMark().getLine() + 1), "a host belongs to one pool, once");
                return null;
            }
            out.add(name);
        }
        return out;
    }

    private Integer driveCount(Node node) {
        Long count = values.whole(node, "drives count", Long.MIN_VALUE, Long.MAX_VALUE);
        if (count != null && (count < 1 || count > MAX_DRIVES_PER_HOST)) {
            problems.at(node, "drives count " + count + " is out of range 1-" + MAX_DRIVES_PER_HOST, count < 1 ? ""
                    : "drive labels have two digits (d01 to d" + MAX_DRIVES_PER_HOST + "): at most " + MAX_DRIVES_PER_HOST
                    + " data drives per host");
            return null;
        }
        return count == null ? null : count.intValue();
    }

    private DriveRule drives(Node node, Node key, String pool) {
        MappingNode map = values.mapping(node, "drives of pool '" + pool + "'", "drives: {count: 8, mount: /mnt/drive{1...8}}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in drives of pool '" + pool + "'", DRIVES_KEYS, problems);
        Node countNode = f.required("count", key, "count: 8 (data drives per host)");
        Integer count = countNode == null ? null : driveCount(countNode);
        DriveSelector select = f.get("select") == null ? DriveSelector.ANY : selector(f.get("select"), pool);
        List<String> mounts = null;
        String mountPattern = null;
        if (f.get("mount") != null) {
            ScalarNode m = f.get("mount") instanceof SequenceNode ? null : values.scalar(f.get("mount"), "mount");
            mountPattern = m != null ? m.getValue() : null;
            mounts = mounts(f.get("mount"), pool);
        } else if (count != null) {
            mountPattern = count == 1 ? "/mnt/drive1" : "/mnt/drive{1..." + count + "}";
            mounts = HostPattern.expand(mountPattern);
        }
        if (mounts != null && count != null && mounts.size() != count) {
            String suggestion = count == 1 ? "/mnt/drive1" : "/mnt/drive{1..." + count + "}";
            problems.at(f.get("mount"), "mount gives " + mounts.size() + (mounts.size() == 1 ? " path" : " paths")
                    + " but drives count is " + count, "one mount path per drive, e.g. mount: " + suggestion);
            return null;
        }
        if (count == null || select == null || mounts == null) {
            return null;
        }
        if (mountPattern == null) {
            mountPattern = String.join(",", mounts);
        }
        return new DriveRule(count, select, mountPattern, mounts);
    }

    private List<String> mounts(Node node, String pool) {
        List<ScalarNode> items = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                ScalarNode s = values.scalar(n, "a mount path");
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
        } else {
            ScalarNode s = values.scalar(node, "mount");
            if (s == null) {
                return null;
            }
            items.add(s);
        }
        List<String> out = new ArrayList<>();
        Map<String, ScalarNode> seen = new HashMap<>();
        for (ScalarNode item : items) {
            String text = item.getValue();
            if (!values.metacharacterFree(item, text, "mount path '" + text + "' in pool '" + pool + "'",
                    "mount paths hold letters, digits, '.', '_', '-' and '/'")) {
                return null;
            }
            List<String> paths;
            try {
                // A drive has one mount path; more paths than drives a host may have are refused unexpanded.
                if (out.size() + HostPattern.count(text) > MAX_DRIVES_PER_HOST) {
                    problems.at(item, "mount of pool '" + pool + "' gives more than " + MAX_DRIVES_PER_HOST + " paths",
                            "one mount path per drive, e.g. mount: /mnt/drive{1...8}");
                    return null;
                }
                paths = HostPattern.expand(text);
            } catch (HostPatternException e) {
                problems.inside(item, e.index(), "mount of pool '" + pool + "': " + e.getMessage(), e.hint());
                return null;
            }
            for (String p : paths) {
                String why = mountProblem(p);
                if (why != null) {
                    problems.at(item, "mount path '" + abbreviated(p) + "' " + why,
                            "data drives go below /mnt, /media or a directory of their own such as /data, e.g. mount: /mnt/drive{1...8}");
                    return null;
                }
                if (seen.putIfAbsent(p, item) != null) {
                    problems.at(item, "mount path '" + p + "' appears twice", "one mount path per drive");
                    return null;
                }
                out.add(p);
            }
        }
        // A host belongs to one pool, so the pool's mount paths are all its host's mount paths.
        for (String p : out) {
            for (String q : out) {
                if (p.startsWith(q + "/")) {
                    ScalarNode at = seen.get(p);
                    problems.at(at, "mount path '" + p + "' is inside mount path '" + q + "' of the same host",
                            "each drive gets a directory of its own, side by side: /mnt/drive1, /mnt/drive2");
                    return null;
                }
            }
        }
        return out;
    }

    /** Long text as a message quotes it: its first 64 characters and how long it is. */
    static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "... (" + text.length() + " characters)";
    }

    static String mountProblem(String path) {
        if (!path.startsWith("/")) {
            return "is not absolute";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_MOUNT_PATH_BYTES) {
            return "is longer than " + MAX_MOUNT_PATH_BYTES + " bytes";
        }
        if (!MOUNT_PATH.matcher(path).matches()) {
            return "may hold only letters, digits, '.', '_', '-' and '/'";
        }
        if (path.equals("/") || path.contains("//") || path.endsWith("/")) {
            return "is not a clean directory path";
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "contains '" + segment + "'";
            }
        }
        for (String system : SYSTEM_DIRECTORIES) {
            if (path.equals(system)) {
                return "is a system directory";
            }
            if (path.startsWith(system + "/")) {
                return "is inside the system directory " + system;
            }
        }
        if (DRIVE_PARENTS.contains(path)) {
            return "is " + path + " itself; a drive is mounted below it";
        }
        return null;
    }

    private DriveSelector selector(Node node, String pool) {
        if (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return DriveSelector.ANY;
        }
        MappingNode map = values.mapping(node, "select", "select: {transport: nvme, model: \"Micron_7500*\", min_size: 15TB}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in select of pool '" + pool + "'", SELECT_KEYS, problems);
        Transport transport = f.get("transport") == null ? Transport.ANY : values.choice(f.get("transport"), "transport", Transport.class);
        Optional<String> model = Optional.empty();
        if (f.get("model") != null) {
            model = Optional.ofNullable(values.text(f.get("model"), "model"));
        }
        Optional<ByteSize> min = size(f.get("min_size"), "min_size");
        Optional<ByteSize> max = size(f.get("max_size"), "max_size");
        if (min.isPresent() && max.isPresent() && min.get().bytes() > max.get().bytes()) {
            problems.at(f.get("max_size"), "max_size " + max.get() + " is smaller than min_size " + min.get(), "swap them");
            return null;
        }
        List<String> serials = new ArrayList<>();
        if (f.get("serials") != null) {
            SequenceNode seq = values.sequence(f.get("serials"), "serials", "serials: [S6EXNA0T123456, ...]");
            if (seq == null) {
                return null;
            }
            for (Node n : seq.getValue()) {
                String serial = values.text(n, "a serial");
                if (serial == null || !values.metacharacterFree((ScalarNode) n, serial, "serial '" + serial + "'", "serials are letters, digits, '-', '_' and '.'")) {
                    return null;
                }
                serials.add(serial);
            }
        }
        if (transport == null || f.get("model") != null && model.isEmpty()) {
            return null;
        }
        return new DriveSelector(transport, model, min, max, serials);
    }

    private Optional<ByteSize> size(Node node, String what) {
        if (node == null) {
            return Optional.empty();
        }
        String text = values.text(node, what);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ByteSize.parse(text));
        } catch (IllegalArgumentException e) {
            problems.at(node, what + ": " + e.getMessage(),
                    "K, M, G, T, P (with or without B) are powers of 1000; KiB, MiB, GiB, TiB, PiB powers of 1024; e.g. 15TB, 14TiB");
            return Optional.empty();
        }
    }
}
