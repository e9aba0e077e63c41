package dev.aistorctl.playbooks;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Suggestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads playbooks (YAML, {@code version: 1}): the built-ins shipped as {@code playbooks/<name>.yaml} on the
 * classpath, or a file. The YAML is only composed into nodes, never constructed into arbitrary objects, so
 * every complaint can name file, line and column.
 *
 * <pre>
 * version: 1
 * name: tune
 * description: Kernel and OS settings for AIStor.
 * steps:
 *   - step: sysctl            # a registered step type
 *     name: network buffers   # optional, shown in plans and progress
 *     values: {net.core.somaxconn: "65535"}
 * </pre>
 */
public final class PlaybookLoader {
    public static final int VERSION = 1;
    static final List<String> BUILT_IN = List.of("ping", "drives");
    private static final int MAX_BYTES = 1024 * 1024;
    private static final List<String> TOP_KEYS = List.of("version", "name", "description", "steps");

    private final StepRegistry registry;

    public PlaybookLoader(StepRegistry registry) {
        this.registry = registry;
    }

    /** The names of the playbooks shipped with aistorctl. */
    public static List<String> builtInNames() {
        List<String> names = new ArrayList<>();
        for (String n : knownBuiltIns()) {
            if (PlaybookLoader.class.getClassLoader().getResource("playbooks/" + n + ".yaml") != null) {
                names.add(n);
            }
        }
        return names;
    }

    /** A path (anything with a slash or ending in .yaml/.yml) is read from disk; otherwise a built-in name. */
    public Playbook resolve(String nameOrPath) {
        if (nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            return load(Path.of(nameOrPath));
        }
        return builtIn(nameOrPath);
    }

    public Playbook builtIn(String name) {
        String resource = "playbooks/" + name + ".yaml";
        try (InputStream in = PlaybookLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                List<String> known = builtInNames();
                String hint = Suggestion.closest(name, known).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; built-in playbooks: " + String.join(", ", known) + " (or give a path to a .yaml file)");
                throw new UsageException("no built-in playbook named '" + name + "'" + hint);
            }
            return parse(name + ".yaml", "builtin:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in playbook " + resource, e);
        }
    }

    public Playbook load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidConfigException(file + ": larger than " + MAX_BYTES / 1024 + " KiB; not a playbook");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("playbook " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** @param label how locations name the text, e.g. {@code tune.yaml} */
    public Playbook parse(String label, String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(16);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            throw new InvalidConfigException(at(label, m) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new InvalidConfigException(label + ": not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidConfigException(label + ": a playbook is a mapping with version, name and steps");
        }
        Map<String, NodeTuple> fields = fields(label, top, TOP_KEYS, "playbook key");
        NodeTuple version = fields.get("version");
        if (version == null) {
            throw new InvalidConfigException(at(label, top) + ": 'version: " + VERSION + "' is required");
        }
        String v = scalar(label, version.getValueNode(), "version");
        if (!String.valueOf(VERSION).equals(v)) {
            throw new InvalidConfigException(at(label, version.getValueNode()) + ": version " + v
                    + " is not supported; this aistorctl reads version " + VERSION);
        }
        NodeTuple nameField = fields.get("name");
        if (nameField == null) {
            throw new InvalidConfigException(at(label, top) + ": 'name' is required");
        }
        String name = scalar(label, nameField.getValueNode(), "name");
        String description = fields.containsKey("description")
                ? scalar(label, fields.get("description").getValueNode(), "description") : "";
        NodeTuple stepsField = fields.get("steps");
        if (stepsField == null || !(stepsField.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw new InvalidConfigException(at(label, stepsField == null ? top : stepsField.getValueNode())
                    + ": 'steps' must be a non-empty list of steps");
        }
        List<PlaybookStep> steps = new ArrayList<>();
        int index = 0;
        for (Node item : seq.getValue()) {
            steps.add(step(label, ++index, item));
        }
        return new Playbook(name, description, source, steps);
    }

    private PlaybookStep step(String label, int index, Node item) {
        String where = at(label, item);
        if (!(item instanceof MappingNode map)) {
            throw new InvalidConfigException(where + ": step " + index + " must be a mapping with 'step: TYPE'");
        }
        String type = null;
        String name = null;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> locations = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(label, t.getKeyNode(), "key");
            switch (key) {
                case "step" -> type = scalar(label, t.getValueNode(), "step");
                case "name" -> name = scalar(label, t.getValueNode(), "name");
                default -> {
                    values.put(key, value(label, t.getValueNode()));
                    locations.put(key, at(label, t.getKeyNode()));
                }
            }
        }
        if (type == null) {
            throw new InvalidConfigException(where + ": step " + index + " has no 'step: TYPE'; step types: "
                    + String.join(", ", registry.types()));
        }
        StepParams params = new StepParams(type, where, values, locations);
        return new PlaybookStep(index, name, registry.create(type, params), where);
    }

    private static Map<String, NodeTuple> fields(String label, MappingNode map, List<String> known, String what) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(label, t.getKeyNode(), "key");
            if (!known.contains(key)) {
                String hint = Suggestion.closest(key, known).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; known keys: " + String.join(", ", new TreeSet<>(known)));
                throw new InvalidConfigException(at(label, t.getKeyNode()) + ": unknown " + what + " '" + key + "'" + hint);
            }
            out.put(key, t);
        }
        return out;
    }

    /** Scalars stay text (the step's getters parse them), sequences become lists, mappings maps. */
    private static Object value(String label, Node node) {
        if (node instanceof ScalarNode s) {
            return "null".equals(s.getTag().getValue().replace("tag:yaml.org,2002:", "")) ? null : s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(value(label, n));
            }
            return out;
        }
        MappingNode map = (MappingNode) node;
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            out.put(scalar(label, t.getKeyNode(), "key"), value(label, t.getValueNode()));
        }
        return out;
    }

    private static String scalar(String label, Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw new InvalidConfigException(at(label, node) + ": '" + what + "' must be a single value");
        }
        return s.getValue();
    }

    static String at(String label, Node node) {
        return at(label, node.getStartMark());
    }

    static String at(String label, Mark m) {
        return m == null ? label : label + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    private static List<String> knownBuiltIns() {
        try (InputStream in = PlaybookLoader.class.getClassLoader().getResourceAsStream("playbooks/index.txt")) {
            if (in == null) {
                return BUILT_IN;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return BUILT_IN;
        }
    }
}
