package dev.aistorctl.inventory;

import dev.aistorctl.core.config.MappingFields;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.ssh.Become;
import dev.aistorctl.core.ssh.OpenSshConfig;
import dev.aistorctl.core.ssh.ProxyJumpText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Reads a composed YAML tree against the version 1 schema. Each reader method returns the value
 * or null after recording a problem, and carries on, so one run finds every problem.
 */
final class InventoryReader {
    static final int SUPPORTED_VERSION = 1;

    private static final List<String> ROOT_KEYS = List.of("version", "cluster", "ssh", "node", "pools", "hosts");
    private static final List<String> CLUSTER_KEYS = List.of("name", "hardware_profile", "tuning_profile");
    private static final List<String> SSH_KEYS = List.of("user", "port", "identity_file", "known_hosts", "become", "jump_host",
            "connect_timeout", "command_timeout", "config");
    private static final List<String> NODE_KEYS = List.of("flavour", "binary", "api_port", "console_port", "root_user",
            "root_password", "license");
    private static final List<String> BINARY_KEYS = List.of("path", "url", "sha256");
    private static final List<String> SECRET_KEYS = List.of("env", "file");
    private static final List<String> LICENSE_KEYS = List.of("file");
    private static final List<String> OVERRIDE_KEYS = List.of("address", "user", "port", "identity_file", "jump_host", "become");

    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ROOT_USER = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Problems problems;
    private final InventoryValues values;
    private final PoolReader poolReader;
    private final Path source;

    InventoryReader(Problems problems, Path base, Path source) {
        this.problems = problems;
        this.values = new InventoryValues(problems, base);
        this.poolReader = new PoolReader(problems, values);
        this.source = source;
    }

    Inventory read(Node root) {
        maskSecrets(root, false);
        if (!printableText(root)) {
            return null;
        }
        MappingNode map = values.mapping(root, "the inventory", "the inventory is a mapping with keys " + String.join(", ", ROOT_KEYS));
        if (map == null) {
            return null;
        }
        MappingFields top = new MappingFields(map, "at the top level", ROOT_KEYS, problems);
        Node versionNode = top.required("version", root, "add 'version: 1' as the first line");
        if (versionNode != null) {
            Integer version = values.integer(versionNode, "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (version != null && version != SUPPORTED_VERSION) {
                problems.at(versionNode, "unsupported inventory version " + version,
                        "this aistorctl reads version " + SUPPORTED_VERSION + "; use the aistorctl release that wrote this file");
                return null;
            }
        }
        Cluster cluster = optionalSection(top, "cluster", root, this::cluster);
        SshConfig ssh = optionalSection(top, "ssh", root, this::ssh);
        NodeConfig node = optionalSection(top, "node", root, this::node);
        List<Pool> pools = poolReader.read(top.required("pools", root, "add at least one pool with name, hosts and drives"));
        Map<String, HostOverride> overrides = overrides(top.get("hosts"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Inventory(SUPPORTED_VERSION, cluster, ssh, node, pools, overrides, source);
    }

    // --- every value ----------------------------------------------------------------------

    /**
     * Registers, as secrets to mask in every problem, the values under any key that names or nearly
     * names a secret ({@code root_password}, {@code root_pasword}, {@code token}), at any depth and
     * in any form ({@code {password: X}}, a list), but the references: a well-formed environment
     * variable name under {@code env}, and a path under {@code file}. A problem about such a key shows the key and its
     * position, never the value, in text and JSON alike.
     */
    private void maskSecrets(Node node, boolean secret) {
        if (node instanceof ScalarNode s) {
            if (secret && !Tag.NULL.equals(s.getTag())) {
                problems.secret(s.getValue());
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                maskSecrets(n, secret);
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                boolean keyIsSecret = t.getKeyNode() instanceof ScalarNode k && secretKey(k.getValue());
                if (secret && t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v
                        && (k.getValue().equals("env") && ENV_NAME.matcher(v.getValue()).matches() || k.getValue().equals("file"))) {
                    continue;
                }
                maskSecrets(t.getValueNode(), secret || keyIsSecret);
            }
        }
    }

    /** A key that names a secret, or is a typing error away from one: password, pasword, passwd, secret, token, ... */
    static boolean secretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String word : k.split("[^a-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.length() >= 5 && SECRET_WORDS.stream().anyMatch(w -> Suggestion.distance(word, w) <= 2)) {
                return true;
            }
        }
        return SECRET_WORDS.stream().anyMatch(k::contains);
    }

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "secret", "token", "credential", "pwd");

    /**
     * Every key and value, wherever it stands, is free of control characters (a YAML escape such as
     * \e would put one in, and values are printed to terminals) and of sensible length. Each one
     * found is reported; the schema is not read after one, so nothing is reported twice.
     */
    private boolean printableText(Node node) {
        boolean ok = true;
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                    problems.inside(s, i, "text contains " + ShellMetacharacters.describe(c) + " (" + String.format("U+%04X", (int) c)
                            + "), which would be printed raw to a terminal; refused", "remove it; an escape such as \\e or \\x1b in a double-quoted value writes one");
                    return false;
                }
            }
            if (v.length() > MAX_TEXT) {
                problems.at(s, "a value of " + v.length() + " characters is longer than the " + MAX_TEXT + " any inventory value may have",
                        "shorten it");
                return false;
            }
            return true;
        }
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                ok &= printableText(n);
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                ok &= printableText(t.getKeyNode());
                ok &= printableText(t.getValueNode());
            }
        }
        return ok;
    }

    /** Any inventory value's length at most: a path (PATH_MAX); names, serials and mount paths have tighter limits of their own. */
    static final int MAX_TEXT = 4096;

    private interface Section<T> {
        T read(MappingNode node, Node key);
    }

    private <T> T optionalSection(MappingFields parent, String key, Node root, Section<T> reader) {
        Node value = parent.required(key, root, "see inventory/examples/altra-8node.yaml");
        if (value == null) {
            return null;
        }
        MappingNode map = values.mapping(value, "'" + key + "'", "");
        return map == null ? null : reader.read(map, parent.keyNode(key));
    }

    // --- cluster ---------------------------------------------------------------------------

    private Cluster cluster(MappingNode map, Node key) {
        MappingFields f = new MappingFields(map, "in cluster", CLUSTER_KEYS, problems);
        String name = values.label(f.required("name", key, "name the cluster, e.g. name: dc1-aistor"), "cluster name", "dc1-aistor");
        Optional<ProfileRef> hardware = profile(f.get("hardware_profile"), "hardware_profile");
        Optional<ProfileRef> tuning = profile(f.get("tuning_profile"), "tuning_profile");
        return name == null ? null : new Cluster(name, hardware, tuning);
    }

    private Optional<ProfileRef> profile(Node node, String what) {
        if (node == null) {
            return Optional.empty();
        }
        String text = values.text(node, what);
        if (text == null) {
            return Optional.empty();
        }
        if (ProfileRef.looksLikePath(text)) {
            Path p = values.path(node, text, what);
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
        Optional<String> user = Optional.ofNullable(values.unixUser(f.get("user"), "ssh user"));
        Optional<Integer> port = Optional.ofNullable(values.portOf(f.get("port"), "ssh port"));
        Optional<Path> identity = Optional.ofNullable(values.pathOf(f.get("identity_file"), "identity_file"));
        Path knownHosts = InventoryValues.orDefault(values.pathOf(f.get("known_hosts"), "known_hosts"), InventoryValues.home().resolve(".ssh/known_hosts"));
        Optional<Become> become = f.get("become") == null ? Optional.empty() : Optional.ofNullable(values.choice(f.get("become"), "become", Become.class));
        Optional<List<JumpHost>> jump = f.get("jump_host") == null ? Optional.empty() : Optional.ofNullable(jumpChain(f.get("jump_host")));
        Duration connect = InventoryValues.orDefault(values.duration(f.get("connect_timeout"), "connect_timeout"), SshConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration command = InventoryValues.orDefault(values.duration(f.get("command_timeout"), "command_timeout"), SshConfig.DEFAULT_COMMAND_TIMEOUT);
        Optional<OpenSshConfig> openSsh = openSshConfig(f.get("config"));
        return new SshConfig(user, port, identity, knownHosts, become, jump, connect, command, openSsh);
    }

    /**
     * {@code config: none} reads no ssh_config; a path reads that file (it must exist); without the key,
     * {@code ~/.ssh/config} is read when it exists. A file that cannot be parsed is reported at its own
     * {@code file:line:col}, with the inventory line that named it.
     */
    private Optional<OpenSshConfig> openSshConfig(Node node) {
        Path file;
        if (node == null) {
            file = InventoryValues.home().resolve(".ssh/config");
            if (!java.nio.file.Files.isRegularFile(file)) {
                return Optional.empty();
            }
        } else {
            String text = values.text(node, "ssh config");
            if (text == null) {
                return Optional.empty();
            }
            if (text.equals("none")) {
                return Optional.empty();
            }
            file = values.path(node, text, "ssh config");
            if (file == null) {
                return Optional.empty();
            }
            if (!java.nio.file.Files.isRegularFile(file)) {
                problems.at(node, "ssh config " + file + " does not exist", "write config: none to read no ssh_config, or the path of one");
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OpenSshConfig.read(file));
        } catch (InvalidConfigFileException e) {
            String first = e.problems().get(0).render();
            String more = e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : "";
            Node at = node != null ? node : null;
            String message = "ssh_config cannot be used: " + first.lines().findFirst().orElse(first) + more;
            String hint = "fix the file, or set ssh.config: none (or another file) in the inventory";
            if (at != null) {
                problems.at(at, message, hint);
            } else {
                problems.file(message, hint);
            }
            return Optional.empty();
        }
    }

    /** {@code none}, or hops separated by commas as in ProxyJump: {@code admin@bastion1,bastion2:2222}. */
    private List<JumpHost> jumpChain(Node node) {
        String text = values.safeText(node, "jump_host");
        if (text == null) {
            return null;
        }
        List<ProxyJumpText.Hop> hops;
        try {
            hops = ProxyJumpText.parse(text);
        } catch (IllegalArgumentException e) {
            problems.at(node, "jump_host" + (e.getMessage().startsWith("port") ? " " : ": ") + e.getMessage(), "write [user@]host[:port], several separated by ',' (first hop first), or none");
            return null;
        }
        List<JumpHost> out = new java.util.ArrayList<>();
        for (ProxyJumpText.Hop h : hops) {
            if (h.user().isPresent() && !InventoryValues.UNIX_USER.matcher(h.user().get()).matches()) {
                problems.at(node, "jump_host user '" + h.user().get() + "' is not a valid user name", "write user@host:port, e.g. admin@bastion:22");
                return null;
            }
            Optional<String> bad = HostAddress.problem(h.host());
            if (bad.isPresent()) {
                problems.at(node, "jump_host: " + bad.get(), "write user@host:port, e.g. admin@bastion.dc1.example.net:22");
                return null;
            }
            out.add(new JumpHost(h.user(), h.host(), h.port()));
        }
        return List.copyOf(out);
    }

    // --- node ------------------------------------------------------------------------------

    private NodeConfig node(MappingNode map, Node key) {
        MappingFields f = new MappingFields(map, "in node", NODE_KEYS, problems);
        Flavour flavour = f.get("flavour") == null ? Flavour.MINIO : values.choice(f.get("flavour"), "flavour", Flavour.class);
        Optional<BinarySource> binary = Optional.empty();
        if (f.get("binary") != null) {
            binary = Optional.ofNullable(binary(f.get("binary"), f.keyNode("binary")));
        } else if (flavour == Flavour.MINIO) {
            problems.at(key, "missing required key 'binary' in node: flavour minio needs the MinIO AIStor binary",
                    "binary: {path: artifacts/minio, sha256: <sha256sum of the file>}");
        }
        int api = InventoryValues.orDefault(values.portOf(f.get("api_port"), "api_port"), NodeConfig.DEFAULT_API_PORT);
        int console = InventoryValues.orDefault(values.portOf(f.get("console_port"), "console_port"), NodeConfig.DEFAULT_CONSOLE_PORT);
        if (api == console) {
            Node at = f.get("console_port") != null ? f.get("console_port") : f.get("api_port") != null ? f.get("api_port") : key;
            problems.at(at, "api_port and console_port are both " + api, "MinIO needs two ports; the defaults are 9000 and 9001");
        }
        String rootUser = null;
        Node userNode = f.required("root_user", key, "the S3 admin user, e.g. root_user: admin");
        if (userNode != null) {
            rootUser = values.safeText(userNode, "root_user");
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
            MappingNode lic = values.mapping(f.get("license"), "license", "license: {file: minio.license}");
            if (lic != null) {
                MappingFields lf = new MappingFields(lic, "in license", LICENSE_KEYS, problems);
                license = Optional.ofNullable(values.pathOf(lf.required("file", f.keyNode("license"), "license: {file: minio.license}"), "license file"));
            }
        }
        if (flavour == null || rootUser == null || password == null) {
            return null;
        }
        return new NodeConfig(flavour, binary, api, console, rootUser, password, license);
    }

    private BinarySource binary(Node node, Node key) {
        MappingNode map = values.mapping(node, "binary", "binary: {path: artifacts/minio, sha256: ...} or {url: https://..., sha256: ...}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in binary", BINARY_KEYS, problems);
        Path path = null;
        URI url = null;
        if (f.has("path") == f.has("url")) {
            problems.at(key, "binary needs exactly one of 'path' or 'url'", "binary: {path: artifacts/minio, sha256: ...}");
        } else if (f.has("path")) {
            path = values.pathOf(f.get("path"), "binary path");
        } else {
            url = url(f.get("url"));
        }
        String sha = null;
        Node shaNode = f.required("sha256", key, "add sha256: <the output of sha256sum for the binary>");
        if (shaNode != null) {
            sha = values.text(shaNode, "sha256");
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
        String text = values.text(node, "binary url");
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
        MappingNode map = values.mapping(node, what, what + ": {env: AISTOR_ROOT_PASSWORD}");
        if (map == null) {
            return null;
        }
        MappingFields f = new MappingFields(map, "in " + what, SECRET_KEYS, problems);
        if (f.has("env") == f.has("file")) {
            problems.at(node, what + " needs exactly one of 'env' or 'file'", what + ": {env: AISTOR_ROOT_PASSWORD}");
            return null;
        }
        if (f.has("env")) {
            String name = values.text(f.get("env"), what + " env");
            if (name == null) {
                return null;
            }
            if (!ENV_NAME.matcher(name).matches()) {
                problems.at(f.get("env"), what + " env is not an environment variable name (its value is not shown: it may be the password itself)",
                        "letters, digits and '_', e.g. AISTOR_ROOT_PASSWORD");
                return null;
            }
            return SecretRef.env(name);
        }
        Path file = values.pathOf(f.get("file"), what + " file");
        return file == null ? null : SecretRef.file(file);
    }

    // --- host overrides -------------------------------------------------------------------

    private Map<String, HostOverride> overrides(Node node) {
        Map<String, HostOverride> out = new LinkedHashMap<>();
        if (node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return out;
        }
        MappingNode map = values.mapping(node, "hosts", "hosts: {node01.dc1.example.net: {address: 10.10.0.11}}");
        if (map == null) {
            return out;
        }
        MappingFields f = new MappingFields(map, "in hosts", null, problems);
        Map<String, Node> addresses = new HashMap<>();
        for (String name : poolReader.seenHosts().values().stream().map(PoolReader.HostSeen::name).toList()) {
            addresses.put(Inventory.key(name), null);
        }
        for (Map.Entry<String, NodeTuple> e : f.entries().entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            if (!values.metacharacterFree((ScalarNode) keyNode, name, "host '" + name + "'", "host names hold letters, digits, '-' and '.'")) {
                continue;
            }
            if (!poolReader.seenHosts().containsKey(Inventory.key(name))) {
                List<String> known = poolReader.seenHosts().values().stream().map(PoolReader.HostSeen::name).toList();
                problems.at(keyNode, "hosts: '" + name + "' is not a host of any pool",
                        Suggestion.didYouMean(name, known).orElse("overrides apply to hosts listed in pools"));
                continue;
            }
            MappingNode body = values.mapping(e.getValue().getValueNode(), "host '" + name + "'", name + ": {address: 10.10.0.11}");
            if (body == null) {
                continue;
            }
            MappingFields hf = new MappingFields(body, "in host '" + name + "'", OVERRIDE_KEYS, problems);
            Optional<String> address = Optional.empty();
            Node addressNode = hf.get("address");
            if (addressNode != null) {
                String a = values.safeText(addressNode, "address of '" + name + "'");
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
            String where = "host '" + name + "'";
            Optional<String> user = Optional.ofNullable(values.unixUser(hf.get("user"), "user of " + where));
            Optional<Integer> port = Optional.ofNullable(values.portOf(hf.get("port"), "port of " + where));
            Optional<Path> identity = Optional.ofNullable(values.pathOf(hf.get("identity_file"), "identity_file of " + where));
            Optional<List<JumpHost>> jump = hf.get("jump_host") == null ? Optional.empty() : Optional.ofNullable(jumpChain(hf.get("jump_host")));
            Optional<Become> become = hf.get("become") == null ? Optional.empty()
                    : Optional.ofNullable(values.choice(hf.get("become"), "become of " + where, Become.class));
            out.put(poolReader.seenHosts().get(Inventory.key(name)).name(), new HostOverride(address, user, port, identity, jump, become));
        }
        return out;
    }
}
