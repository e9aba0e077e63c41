package dev.aistorctl.playbooks;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.config.MappingFields;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlReader;
import dev.aistorctl.core.config.YamlValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads playbooks (YAML, {@code version: 1}): the built-ins shipped as {@code playbooks/<name>.yaml} on the
 * classpath, or a file. The shared {@link YamlReader} only composes the YAML into nodes, never into arbitrary
 * objects, so every complaint names file, line and column; the first one stops the reading. Duplicate keys
 * are refused at any depth: YAML would silently keep the last.
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
    private static final YamlReader YAML = YamlReader.of("playbook");
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
            return parse(YAML.parse(name + ".yaml", in.readAllBytes()), "builtin:" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in playbook " + resource, e);
        }
    }

    public Playbook load(Path file) {
        try {
            return parse(YAML.read(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new UsageException("playbook " + file + " does not exist");
        }
    }

    /** @param label how locations name the text, e.g. {@code tune.yaml} */
    public Playbook parse(String label, String source, String text) {
        return parse(YAML.parse(label, text), source);
    }

    private Playbook parse(YamlDocument document, String source) {
        return new Reading(document).playbook(source);
    }

    /** One playbook being read: its problems stop the reading at the first, in one line. */
    private final class Reading {
        private final String label;
        private final Problems problems;
        private final Node root;

        Reading(YamlDocument document) {
            this.label = document.source().label();
            this.problems = document.failFast();
            this.root = document.root();
        }

        Playbook playbook(String source) {
            if (root == null) {
                throw new InvalidConfigException(label + ": a playbook is a mapping with version, name and steps");
            }
            if (!(root instanceof MappingNode top)) {
                throw problems.stop(root, "a playbook is a mapping with version, name and steps, not " + YamlValues.describe(root), "");
            }
            Map<String, NodeTuple> fields = fields(top, TOP_KEYS, "playbook key", "in the playbook");
            NodeTuple version = fields.get("version");
            if (version == null) {
                throw new InvalidConfigException(at(label, top) + ": 'version: " + VERSION + "' is required");
            }
            String v = scalar(version.getValueNode(), "version");
            if (!String.valueOf(VERSION).equals(v)) {
                throw new InvalidConfigException(at(label, version.getValueNode()) + ": version " + v
                        + " is not supported; this aistorctl reads version " + VERSION);
            }
            NodeTuple nameField = fields.get("name");
            if (nameField == null) {
                throw new InvalidConfigException(at(label, top) + ": 'name' is required");
            }
            String name = scalar(nameField.getValueNode(), "name");
            String description = fields.containsKey("description")
                    ? scalar(fields.get("description").getValueNode(), "description") : "";
            NodeTuple stepsField = fields.get("steps");
            if (stepsField == null || !(stepsField.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw new InvalidConfigException(at(label, stepsField == null ? top : stepsField.getValueNode())
                        + ": 'steps' must be a non-empty list of steps");
            }
            List<PlaybookStep> steps = new ArrayList<>();
            int index = 0;
            for (Node item : seq.getValue()) {
                steps.add(step(++index, item));
            }
            return new Playbook(name, description, source, steps);
        }

        private PlaybookStep step(int index, Node item) {
            String where = at(label, item);
            if (!(item instanceof MappingNode map)) {
                throw new InvalidConfigException(where + ": step " + index + " must be a mapping with 'step: TYPE'");
            }
            String type = null;
            String name = null;
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> locations = new LinkedHashMap<>();
            for (NodeTuple t : new MappingFields(map, "in step " + index, null, problems).entries().values()) {
                String key = scalar(t.getKeyNode(), "key");
                switch (key) {
                    case "step" -> type = scalar(t.getValueNode(), "step");
                    case "name" -> name = scalar(t.getValueNode(), "name");
                    default -> {
                        values.put(key, value(t.getValueNode(), "'" + key + "'"));
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

        /** This reader's words for an unknown key; then the shared check for duplicate and merge keys. */
        private Map<String, NodeTuple> fields(MappingNode map, List<String> known, String what, String where) {
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode(), "key");
                if (!known.contains(key)) {
                    throw problems.stop(t.getKeyNode(), "unknown " + what + " '" + key + "'",
                            Suggestion.didYouMean(key, known).orElse("known keys: " + String.join(", ", new TreeSet<>(known))));
                }
            }
            return new MappingFields(map, where, null, problems).entries();
        }

        /** Scalars stay text (the step's getters parse them), sequences become lists, mappings maps. */
        private Object value(Node node, String where) {
            if (node instanceof ScalarNode s) {
                return YamlValues.isNull(s) ? null : s.getValue();
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    out.add(value(n, where));
                }
                return out;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : new MappingFields((MappingNode) node, "in " + where, null, problems).entries().values()) {
                String key = scalar(t.getKeyNode(), "key");
                out.put(key, value(t.getValueNode(), where + "." + key));
            }
            return out;
        }

        private String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode s)) {
                throw problems.stop(node, "'" + what + "' must be a single value, not " + YamlValues.describe(node), "");
            }
            return s.getValue();
        }
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
