package dev.aistorctl.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a composed YAML tree against the version 1 schema. Each reader method returns the value
 * or null after recording a problem, and carries on, so one run finds every problem.
 */
final class InventoryReader {
    static final int SUPPORTED_VERSION = 1;

    private static final List<String> ROOT_KEYS = List.of("version", "cluster", "ssh", "node", "pools", "hosts");
    private static final List<String> CLUSTER_KEYS = List.of("name", "hardware_profile", "tuning_profile");
    private static final List<String> SSH_KEYS = List.of("user", "port", "identity_file", "known_hosts", "become", "jump_host",
            "connect_timeout", "command_timeout");
    private static final List<String> NODE_KEYS = List.of("flavour", "binary", "api_port", "console_port", "root_user",
            "root_password", "license");
    private static final List<String> BINARY_KEYS = List.of("path", "url", "sha256");
    private static final List<String> SECRET_KEYS = List.of("env", "file");
    private static final List<String> LICENSE_KEYS = List.of("file");
    private static final List<String> POOL_KEYS = List.of("name", "hosts", "drives");
    private static final List<String> DRIVES_KEYS = List.of("count", "select", "mount");
    private static final List<String> SELECT_KEYS = List.of("transport", "model", "min_size", "max_size", "serials");
    private static final List<String> OVERRIDE_KEYS = List.of("address");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ROOT_USER = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final int MAX_DRIVES_PER_HOST = 256;

    private final ProblemList problems;
    private final Path base;
    private final Path source;
    /** Every host seen so far, by lower-cased name, to report a host listed twice (also across pools). */
    private final Map<String, HostSeen> seenHosts = new LinkedHashMap<>();

    private record HostSeen(String name, String pool, Node node) {
    }

    InventoryReader(ProblemList problems, Path base, Path source) {
        this.problems = problems;
        this.base = base;
        this.source = source;
    }

    Inventory read(Node root) {
        MappingNode map = mapping(root, "the inventory", "the inventory is a mapping with keys " + String.join(", ", ROOT_KEYS));
        if (map == null) {
            return null;
        }
        MappingFields top = new MappingFields(map, "at the top level", ROOT_KEYS, problems);
        Node versionNode = top.required("version", root, "add 'version: 1' as the first line");
        if (versionNode != null) {
            Integer version = integer(versionNode, "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (version != null && version != SUPPORTED_VERSION) {
                problems.at(versionNode, "unsupported inventory version " + version,
                        "this aistorctl reads version " + SUPPORTED_VERSION + "; use the aistorctl release that wrote this file");
                return null;
            }
        }
        Cluster cluster = optionalSection(top, "cluster", root, this::cluster);
        SshConfig ssh = optionalSection(top, "ssh", root, this::ssh);
        NodeConfig node = optionalSection(top, "node", root, this::node);
        List<Pool> pools = pools(top.required("pools", root, "add at least one pool with name, hosts and drives"));
        Map<String, HostOverride> overrides = overrides(top.get("hosts"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Inventory(SUPPORTED_VERSION, cluster, ssh, node, pools, overrides, source);
    }

    private interface Section<T> {
        T read(MappingNode node, Node key);
    }

    private <T> T optionalSection(MappingFields parent, String key, Node root, Section<T> reader) {
        Node value = parent.required(key, root, "see inventory/examples/altra-8node.yaml");
        if (value == null) {
            return null;
        }
        MappingNode map = mapping(value, "'" + key + "'", "");
        return map == null ? null : reader.read(map, parent.keyNode(key));
    }

    // --- cluster ---------------------------------------------------------------------------

    private Cluster cluster(MappingNode map, Node key) {
        MappingFields f = new MappingFields(map, "in cluster", CLUSTER_KEYS, problems);
        String name = label(f.required("name", key, "name the cluster, e.g. name: dc1-aistor"), "cluster name", "dc1-aistor");
        Optional<ProfileRef> hardware = profile(f.get("hardware_profile"), "hardware_profile");
        Optional<ProfileRef> tuning = profile(f.get("tuning_profile"), "tuning_profile");
        return name == null ? null : new Cluster(name, hardware, tuning);
    }

    private Optional<ProfileRef> profile(Node node, String what) {
        if (node == null) {
            return Optional.empty();
        }
        String text = text(node, what);
        if (text == null) {
            return Optional.empty();
        }
        if (ProfileRef.looksLikePath(text)) {
            Path p = path(node, text, what);
            return p == null ? Optional.empty() : Optional.of(new ProfileRef(null, p));
        }
        if (!PROFILE_NAME.matcher(text).matches()) {
            problems.at(node, what + " '" + text + "' is neither a built-in profile name nor a path",
                    "built-in names are lower-case words joined by '-'; a path contains '/' or ends in .yaml");
            return Optional.empty();
        }
        return Optional.of(new ProfileRef(text, null));
    }

    // --- ssh -------------------------------------------------------------------------------

    private SshConfig ssh(MappingNode map, Node key) {
        MappingFields f = new MappingFields(map, "in ssh", SSH_KEYS, problems);
        String user = unixUser(f.required("user", key, "the account to log in as, e.g. user: ubuntu"), "ssh user");
        int port = orDefault(portOf(f.get("port"), "ssh port"), SshConfig.DEFAULT_PORT);
        Path identity = orDefault(pathOf(f.get("identity_file"), "identity_file"), home().resolve(".ssh/id_ed25519"));
        Path knownHosts = orDefault(pathOf(f.get("known_hosts"), "known_hosts"), home().resolve(".ssh/known_hosts"));
        Become become = null;
        if (f.get("become") != null) {
            become = choice(f.get("become"), "become", Become.class);
        } else if (user != null) {
            become = SshConfig.defaultBecome(user);
        }
        Optional<JumpHost> jump = f.get("jump_host") == null ? Optional.empty() : Optional.ofNullable(jumpHost(f.get("jump_host")));
        Duration connect = orDefault(duration(f.get("connect_timeout"), "connect_timeout"), SshConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration command = orDefault(duration(f.get("command_timeout"), "command_timeout"), SshConfig.DEFAULT_COMMAND_TIMEOUT);
        if (user == null || become == null) {
            return null;
        }
        return new SshConfig(user, port, identity, knownHosts, become, jump, connect, command);
    }

    private JumpHost jumpHost(Node node) {
        String text = safeText(node, "jump_host");
        if (text == null) {
            return null;
        }
        String user = null;
        String rest = text;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            user = text.substring(0, at);
            rest = text.substring(at + 1);
            if (!UNIX_USER.matcher(user).matches()) {
                problems.at(node, "jump_host user '" + user + "' is not a valid user name", "write user@host:port, e.g. admin@bastion:22");
                return null;
            }
        }
        String host = rest;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                problems.at(node, "jump_host '" + text + "' opens '[' without closing it", "write an IPv6 bastion as [2001:db8::1]:22");
                return null;
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                problems.at(node, "jump_host '" + text + "' has '" + after + "' after the address", "write [address]:port");
                return null;
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            portText = rest.substring(rest.indexOf(':') + 1);
        }
        Optional<String> bad = HostAddress.problem(host);
        if (bad.isPresent()) {
            problems.at(node, "jump_host: " + bad.get(), "write user@host:port, e.g. admin@bastion.dc1.example.net:22");
            return null;
        }
        int port = SshConfig.DEFAULT_PORT;
        if (portText != null) {
            if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                problems.at(node, "jump_host port '" + portText + "' is not a port number (1-65535)", "write user@host:port");
                return null;
            }
            port = Integer.parseInt(portText);
        }
        return new JumpHost(Optional.ofNullable(user), host, port);
    }

    // --- node ------------------------------------------------------------------------------

    private NodeConfig node(MappingNode map, Node key) {
        MappingFields f = new MappingFields(map, "in node", NODE_KEYS, problems);
        Flavour flavour = f.get("flavour") == null ? Flavour.MINIO : choice(f.get("flavour"), "flavour", Flavour.class);
        Optional<BinarySource> binary = Optional.empty();
        if (f.get("binary") != null) {
            binary = Optional.ofNullable(binary(f.get("binary"), f.keyNode("binary")));
        } else if (flavour == Flavour.MINIO) {
            problems.at(key, "missing required key 'binary' in node: flavour minio needs the MinIO AIStor binary",
                    "binary: {path: artifacts/minio, sha256: <sha256sum of the file>}");
        }
        int api = orDefault(portOf(f.get("api_port"), "api_port"), NodeConfig.DEFAULT_API_PORT);
        int console = orDefault(portOf(f.get("console_port"), "console_port"), NodeConfig.DEFAULT_CONSOLE_PORT);
        if (api == console) {
            Node at = f.get("console_port") != null ? f.get("console_port") : f.get("api_port") != null ? f.get("api_port") : key;
            problems.at(at, "api_port and console_port are both " + api, "MinIO needs two ports; the defaults are 9000 and 9001");
        }
        String rootUser = null;
        Node userNode = f.required("root_user", key, "the S3 admin user, e.g. root_user: admin");
        if (userNode != null) {
            rootUser = safeText(userNode, "root_user");
            if (rootUser != null && !ROOT_USER.matcher(rootUser).matches()) {
                problems.at(userNode, "root_user '" + rootUser + "' must be 3 to 64 letters, digits, '.', '_' or '-'",
                        "MinIO refuses root users shorter than 3 characters");
                rootUser = null;
            }
        }
        SecretRef password = null;
        Node passwordNode = f.required("root_password", key, "root_password: {env: AISTOR_ROOT_PASSWORD}");
        if (passwordNode != null) {
            password = secret(passwordNode, "root_password");
        }
        Optional<Path> license = Optional.empty();
        if (f.get("license") != null) {
            MappingNode lic = mapping(f.get("license"), "license", "license: {file: minio.license}");
            if (lic != null) {
                MappingFields lf = new MappingFields(lic, "in license", LICENSE_KEYS, problems);
                license = Optional.ofNullable(pathOf(lf.required("file", f.keyNode("license"), "license: {file: minio.license}"), "license file"));
            }
        }
        if (flavour == null || rootUser == null || password == null) {
            return null;
        }
        return new NodeConfig(flavour, binary, api, console, rootUser, password, license);
    }

    private BinarySource binary(Node node, Node key) {
        MappingNode map = mapping(node, "binary", "binary: {path: artifacts/minio, sha256: ...} or {url: https://..., sha256: ...}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in binary", BINARY_KEYS, problems);
        Path path = null;
        URI url = null;
        if (f.has("path") == f.has("url")) {
            problems.at(key, "binary needs exactly one of 'path' or 'url'", "binary: {path: artifacts/minio, sha256: ...}");
        } else if (f.has("path")) {
            path = pathOf(f.get("path"), "binary path");
        } else {
            url = url(f.get("url"));
        }
        String sha = null;
        Node shaNode = f.required("sha256", key, "add sha256: <the output of sha256sum for the binary>");
        if (shaNode != null) {
            sha = text(shaNode, "sha256");
            if (sha != null && !SHA256.matcher(sha).matches()) {
                problems.at(shaNode, "sha256 must be exactly 64 hex characters, got " + sha.length() + " characters"
                        + (sha.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? "" : " including non-hex ones"),
                        "copy the first field of 'sha256sum FILE'");
                sha = null;
            }
        }
        if (sha == null || path == null && url == null) {
            return null;
        }
        return new BinarySource(Optional.ofNullable(path), Optional.ofNullable(url), sha.toLowerCase(Locale.ROOT));
    }

    private URI url(Node node) {
        String text = text(node, "binary url");
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                problems.at(node, "binary url '" + text + "' is not an http(s) URL", "url: https://dl.example.net/minio");
                return null;
            }
            if (uri.getUserInfo() != null) {
                problems.at(node, "binary url carries credentials", "keep credentials out of the inventory");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.at(node, "binary url '" + text + "' is not a URL: " + e.getReason(), "url: https://dl.example.net/minio");
            return null;
        }
    }

    private SecretRef secret(Node node, String what) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            problems.secret(scalar.getValue());
            problems.at(node, what + " must not be written in the inventory",
                    "use " + what + ": {env: AISTOR_ROOT_PASSWORD} or " + what + ": {file: secrets/root-password}");
            return null;
        }
        MappingNode map = mapping(node, what, what + ": {env: AISTOR_ROOT_PASSWORD}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in " + what, SECRET_KEYS, problems);
        if (f.has("env") == f.has("file")) {
            problems.at(node, what + " needs exactly one of 'env' or 'file'", what + ": {env: AISTOR_ROOT_PASSWORD}");
            return null;
        }
        if (f.has("env")) {
            String name = text(f.get("env"), what + " env");
            if (name == null) {
                return null;
            }
            if (!ENV_NAME.matcher(name).matches()) {
                problems.at(f.get("env"), "'" + name + "' is not an environment variable name", "letters, digits and '_', e.g. AISTOR_ROOT_PASSWORD");
                return null;
            }
            return SecretRef.env(name);
        }
        Path file = pathOf(f.get("file"), what + " file");
        return file == null ? null : SecretRef.file(file);
    }

    // --- pools -----------------------------------------------------------------------------

    private List<Pool> pools(Node node) {
        if (node == null) {
            return List.of();
        }
        SequenceNode seq = sequence(node, "pools", "pools is a list: '- name: pool1' ...");
        if (seq == null) {
            return List.of();
        }
        if (seq.getValue().isEmpty()) {
            problems.at(node, "pools is empty", "add at least one pool with name, hosts and drives");
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

    private Pool pool(Node item, Map<String, Node> names) {
        MappingNode map = mapping(item, "a pool", "each pool has name, hosts and drives");
        if (map == null) {
            return null;
        }
        Node nameNode = map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals("name"))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
        String guessed = nameNode instanceof ScalarNode s ? s.getValue() : "#" + (names.size() + 1);
        MappingFields f = new MappingFields(map, "in pool '" + guessed + "'", POOL_KEYS, problems);
        String name = label(f.required("name", item, "name the pool, e.g. name: pool1"), "pool name", "pool1");
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
                ScalarNode s = scalar(n, "a host in pool '" + pool + "'");
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
        } else {
            ScalarNode s = scalar(node, "hosts of pool '" + pool + "'");
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
        if (!metacharacterFree(item, text, "host '" + text + "' in pool '" + pool + "'",
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

    private DriveRule drives(Node node, Node key, String pool) {
        MappingNode map = mapping(node, "drives of pool '" + pool + "'", "drives: {count: 8, mount: /mnt/drive{1...8}}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in drives of pool '" + pool + "'", DRIVES_KEYS, problems);
        Node countNode = f.required("count", key, "count: 8 (data drives per host)");
        Integer count = countNode == null ? null : integer(countNode, "drives count", 1, MAX_DRIVES_PER_HOST);
        DriveSelector select = f.get("select") == null ? DriveSelector.ANY : selector(f.get("select"), pool);
        List<String> mounts = null;
        String mountPattern = null;
        if (f.get("mount") != null) {
            ScalarNode m = f.get("mount") instanceof SequenceNode ? null : scalar(f.get("mount"), "mount");
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
                ScalarNode s = scalar(n, "a mount path");
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
        } else {
            ScalarNode s = scalar(node, "mount");
            if (s == null) {
                return null;
            }
            items.add(s);
        }
        List<String> out = new ArrayList<>();
        Map<String, ScalarNode> seen = new HashMap<>();
        for (ScalarNode item : items) {
            String text = item.getValue();
            if (!metacharacterFree(item, text, "mount path '" + text + "' in pool '" + pool + "'",
                    "mount paths hold letters, digits, '.', '_', '-' and '/'")) {
                return null;
            }
            List<String> paths;
            try {
                paths = HostPattern.expand(text);
            } catch (HostPatternException e) {
                problems.inside(item, e.index(), "mount of pool '" + pool + "': " + e.getMessage(), e.hint());
                return null;
            }
            for (String p : paths) {
                String why = mountProblem(p);
                if (why != null) {
                    problems.at(item, "mount path '" + p + "' " + why, "mount: /mnt/drive{1...8}");
                    return null;
                }
                if (seen.putIfAbsent(p, item) != null) {
                    problems.at(item, "mount path '" + p + "' appears twice", "one mount path per drive");
                    return null;
                }
                out.add(p);
            }
        }
        return out;
    }

    private static String mountProblem(String path) {
        if (!path.startsWith("/")) {
            return "is not absolute";
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
        for (String system : List.of("/", "/boot", "/etc", "/usr", "/var", "/home", "/root", "/proc", "/sys", "/dev", "/tmp", "/bin", "/sbin", "/lib")) {
            if (path.equals(system)) {
                return "is a system directory";
            }
        }
        return null;
    }

    private DriveSelector selector(Node node, String pool) {
        if (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return DriveSelector.ANY;
        }
        MappingNode map = mapping(node, "select", "select: {transport: nvme, model: \"Micron_7500*\", min_size: 15TB}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in select of pool '" + pool + "'", SELECT_KEYS, problems);
        Transport transport = f.get("transport") == null ? Transport.ANY : choice(f.get("transport"), "transport", Transport.class);
        Optional<String> model = Optional.empty();
        if (f.get("model") != null) {
            model = Optional.ofNullable(text(f.get("model"), "model"));
        }
        Optional<ByteSize> min = size(f.get("min_size"), "min_size");
        Optional<ByteSize> max = size(f.get("max_size"), "max_size");
        if (min.isPresent() && max.isPresent() && min.get().bytes() > max.get().bytes()) {
            problems.at(f.get("max_size"), "max_size " + max.get() + " is smaller than min_size " + min.get(), "swap them");
            return null;
        }
        List<String> serials = new ArrayList<>();
        if (f.get("serials") != null) {
            SequenceNode seq = sequence(f.get("serials"), "serials", "serials: [S6EXNA0T123456, ...]");
            if (seq == null) {
                return null;
            }
            for (Node n : seq.getValue()) {
                String serial = text(n, "a serial");
                if (serial == null || !metacharacterFree((ScalarNode) n, serial, "serial '" + serial + "'", "serials are letters, digits, '-', '_' and '.'")) {
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
        String text = text(node, what);
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

    // --- host overrides -------------------------------------------------------------------

    private Map<String, HostOverride> overrides(Node node) {
        Map<String, HostOverride> out = new LinkedHashMap<>();
        if (node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return out;
        }
        MappingNode map = mapping(node, "hosts", "hosts: {node01.dc1.example.net: {address: 10.10.0.11}}");
        if (map == null) {
            return out;
        }
        MappingFields f = new MappingFields(map, "in hosts", null, problems);
        Map<String, Node> addresses = new HashMap<>();
        for (String name : seenHosts.values().stream().map(HostSeen::name).toList()) {
            addresses.put(Inventory.key(name), null);
        }
        for (Map.Entry<String, NodeTuple> e : f.entries().entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            if (!metacharacterFree((ScalarNode) keyNode, name, "host '" + name + "'", "host names hold letters, digits, '-' and '.'")) {
                continue;
            }
            if (!seenHosts.containsKey(Inventory.key(name))) {
                List<String> known = seenHosts.values().stream().map(HostSeen::name).toList();
                problems.at(keyNode, "hosts: '" + name + "' is not a host of any pool",
                        Suggestion.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse("overrides apply to hosts listed in pools"));
                continue;
            }
            MappingNode body = mapping(e.getValue().getValueNode(), "host '" + name + "'", name + ": {address: 10.10.0.11}");
            if (body == null) {
                continue;
            }
            MappingFields hf = new MappingFields(body, "in host '" + name + "'", OVERRIDE_KEYS, problems);
            Optional<String> address = Optional.empty();
            Node addressNode = hf.get("address");
            if (addressNode != null) {
                String a = safeText(addressNode, "address of '" + name + "'");
                if (a == null) {
                    continue;
                }
                Optional<String> bad = HostAddress.problem(a);
                if (bad.isPresent()) {
                    problems.at(addressNode, "address of '" + name + "': " + bad.get(), "an IP address or DNS name");
                    continue;
                }
                address = Optional.of(a);
                Node other = addresses.get(Inventory.key(a));
                if (addresses.containsKey(Inventory.key(a)) && !Inventory.key(a).equals(Inventory.key(name))) {
                    problems.at(addressNode, "address " + a + " of '" + name + "' is already "
                            + (other == null ? "the name of another host" : "the address of another host (line " + (other.getStartMark().getLine() + 1) + ")"),
                            "every host needs its own address");
                    continue;
                }
                addresses.put(Inventory.key(a), addressNode);
            }
            out.put(seenHosts.get(Inventory.key(name)).name(), new HostOverride(address));
        }
        return out;
    }

    // --- typed values ---------------------------------------------------------------------

    private MappingNode mapping(Node node, String what, String hint) {
        if (node instanceof MappingNode m) {
            return m;
        }
        problems.at(node, what + " must be a mapping (key: value lines), not " + describe(node), hint);
        return null;
    }

    private SequenceNode sequence(Node node, String what, String hint) {
        if (node instanceof SequenceNode s) {
            return s;
        }
        problems.at(node, what + " must be a list, not " + describe(node), hint);
        return null;
    }

    private ScalarNode scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            problems.at(node, what + " must be a single value, not " + describe(node), "");
            return null;
        }
        if (Tag.NULL.equals(s.getTag())) {
            problems.at(node, what + " has no value", "");
            return null;
        }
        return s;
    }

    private String text(Node node, String what) {
        ScalarNode s = scalar(node, what);
        if (s == null) {
            return null;
        }
        if (s.getValue().isBlank()) {
            problems.at(node, what + " is empty", "");
            return null;
        }
        return s.getValue();
    }

    /** Text that will reach a remote command: shell metacharacters are refused outright. */
    private String safeText(Node node, String what) {
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        return metacharacterFree((ScalarNode) node, t, what + " '" + t + "'", "letters, digits, '.', '_' and '-' only") ? t : null;
    }

    private boolean metacharacterFree(ScalarNode node, String text, String what, String hint) {
        OptionalInt at = ShellMetacharacters.firstIn(text);
        if (at.isEmpty()) {
            return true;
        }
        char c = text.charAt(at.getAsInt());
        problems.inside(node, at.getAsInt(), what + " contains " + ShellMetacharacters.describe(c)
                + ", which a remote shell would interpret; refused", hint);
        return false;
    }

    private Integer integer(Node node, String what, int min, int max) {
        ScalarNode s = scalar(node, what);
        if (s == null) {
            return null;
        }
        if (!Tag.INT.equals(s.getTag())) {
            problems.at(node, what + " must be a whole number, not '" + s.getValue() + "'",
                    s.getValue().matches("[0-9]+") ? "remove the quotes" : "");
            return null;
        }
        long value;
        try {
            value = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.at(node, what + " '" + s.getValue() + "' is not a plain decimal number", "");
            return null;
        }
        if (value < min || value > max) {
            problems.at(node, what + " " + value + " is out of range " + min + "-" + max, "");
            return null;
        }
        return (int) value;
    }

    private Integer portOf(Node node, String what) {
        return node == null ? null : integer(node, what, 1, 65535);
    }

    private Duration duration(Node node, String what) {
        if (node == null) {
            return null;
        }
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        try {
            return DurationText.parse(t);
        } catch (IllegalArgumentException e) {
            problems.at(node, what + ": " + e.getMessage(), "write a number and a unit: 10s, 5m, 1h30m (ms, s, m, h)");
            return null;
        }
    }

    private <E extends Enum<E>> E choice(Node node, String what, Class<E> type) {
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (names.contains(t)) {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        }
        problems.at(node, "unknown " + what + " '" + t + "'", Suggestion.closest(t, names).map(s -> "did you mean '" + s + "'?")
                .orElse(what + " is one of " + String.join(", ", names)));
        return null;
    }

    private String label(Node node, String what, String example) {
        if (node == null) {
            return null;
        }
        String t = safeText(node, what);
        if (t == null) {
            return null;
        }
        if (!LABEL.matcher(t).matches()) {
            problems.at(node, what + " '" + t + "' must be 1 to 32 lower-case letters, digits or '-'", "e.g. " + example);
            return null;
        }
        return t;
    }

    private String unixUser(Node node, String what) {
        if (node == null) {
            return null;
        }
        String t = safeText(node, what);
        if (t == null) {
            return null;
        }
        if (!UNIX_USER.matcher(t).matches()) {
            problems.at(node, what + " '" + t + "' is not a valid user name", "lower-case letters, digits, '_' and '-', starting with a letter or '_'");
            return null;
        }
        return t;
    }

    private Path pathOf(Node node, String what) {
        if (node == null) {
            return null;
        }
        String t = text(node, what);
        return t == null ? null : path(node, t, what);
    }

    /** {@code ~} is the user's home; a relative path is relative to the inventory file, wherever the command runs from. */
    private Path path(Node node, String text, String what) {
        try {
            if (text.equals("~")) {
                return home();
            }
            if (text.startsWith("~/")) {
                return home().resolve(text.substring(2)).normalize();
            }
            if (text.startsWith("~")) {
                problems.at(node, what + " '" + text + "': only ~/ (your own home) is understood", "write the full path");
                return null;
            }
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.at(node, what + " '" + text + "' is not a valid path: " + e.getReason(), "");
            return null;
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return "empty";
        }
        return "a single value";
    }
}
