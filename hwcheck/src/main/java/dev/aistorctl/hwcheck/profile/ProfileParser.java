package dev.aistorctl.hwcheck.profile;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlReader;
import dev.aistorctl.core.config.YamlValues;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.hwcheck.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a profile from the YAML node tree rather than from plain maps, so that every error can
 * point at the line and column that caused it. Everything not in the {@link RuleCatalog} is
 * refused: a misspelt key must not turn into a check that never runs. The file is read by the
 * shared {@link YamlReader}; the first problem stops the reading, in one line.
 */
final class ProfileParser {
    static final int SUPPORTED_VERSION = 1;
    static final YamlReader YAML = YamlReader.of("hardware profile");
    private static final List<String> TOP_KEYS = List.of("version", "name", "description");
    private static final List<String> RULE_KEYS = List.of("severity", "if_unknown");

    private final String file;
    private final Problems problems;
    private final YamlValues values;

    private ProfileParser(YamlDocument document) {
        this.file = document.source().label();
        this.problems = document.failFast();
        this.values = new YamlValues(problems);
    }

    /** @param file how messages name the source: a path, or "profiles/lab.yaml (built in)" */
    static HardwareProfile parse(String yaml, String file, String defaultName) {
        return parse(YAML.parse(file, yaml), defaultName);
    }

    static HardwareProfile parse(YamlDocument document, String defaultName) {
        return new ProfileParser(document).parse(document.root(), defaultName);
    }

    private HardwareProfile parse(Node root, String defaultName) {
        if (root == null) {
            throw new InvalidConfigException(file + ": the profile is empty; it needs at least 'version: " + SUPPORTED_VERSION + "'");
        }
        MappingNode top = mapping(root, "the profile");
        Map<String, NodeTuple> entries = entries(top, "the profile", allTopKeys());
        NodeTuple version = entries.get("version");
        if (version == null) {
            throw error(top.getStartMark(), "missing 'version: " + SUPPORTED_VERSION + "'");
        }
        long v = integer(version.getValueNode(), "version");
        if (v != SUPPORTED_VERSION) {
            throw error(version.getValueNode().getStartMark(),
                    "unsupported profile version " + v + "; this aistorctl reads version " + SUPPORTED_VERSION);
        }
        String name = entries.containsKey("name") ? string(entries.get("name").getValueNode(), "name") : defaultName;
        String description = entries.containsKey("description") ? string(entries.get("description").getValueNode(), "description") : "";
        List<RuleSettings> rules = new ArrayList<>();
        for (RuleSpec spec : RuleCatalog.all()) {
            NodeTuple section = entries.get(spec.section());
            if (section == null || isNull(section.getValueNode())) {
                continue;
            }
            Map<String, NodeTuple> sectionRules = entries(mapping(section.getValueNode(), spec.section()), spec.section(),
                    RuleCatalog.rulesIn(spec.section()));
            NodeTuple rule = sectionRules.get(spec.name());
            if (rule != null) {
                rules.add(rule(spec, rule));
            }
        }
        return new HardwareProfile(name, (int) v, description, file, rules);
    }

    private static List<String> allTopKeys() {
        List<String> keys = new ArrayList<>(TOP_KEYS);
        keys.addAll(RuleCatalog.sections());
        return keys;
    }

    private RuleSettings rule(RuleSpec spec, NodeTuple tuple) {
        String where = location(tuple.getKeyNode().getStartMark());
        Node value = tuple.getValueNode();
        Map<String, Object> params = new HashMap<>(spec.defaults());
        Severity severity = spec.defaultSeverity();
        Severity ifUnknown = null;
        Set<String> given = new HashSet<>();
        if (!isNull(value)) {
            List<String> known = new ArrayList<>(spec.params().keySet().stream().sorted().toList());
            known.addAll(RULE_KEYS);
            for (Map.Entry<String, NodeTuple> e : entries(mapping(value, spec.id()), spec.id(), known).entrySet()) {
                String key = e.getKey();
                Node v = e.getValue().getValueNode();
                String what = spec.id() + "." + key;
                switch (key) {
                    case "severity" -> severity = severity(v, what, List.of(Severity.WARN, Severity.FAIL));
                    case "if_unknown" -> ifUnknown = severity(v, what, List.of(Severity.WARN, Severity.FAIL, Severity.SKIP));
                    default -> {
                        params.put(key, convert(v, spec.params().get(key), what));
                        given.add(key);
                        checkValues(spec, key, v, what);
                    }
                }
            }
        }
        if (!spec.oneRequired().isEmpty() && given.stream().noneMatch(spec.oneRequired()::contains)) {
            throw error(tuple.getKeyNode().getStartMark(), spec.id() + " needs "
                    + (spec.oneRequired().size() == 1 ? "'" + spec.oneRequired().iterator().next() + "'"
                    : "one of: " + String.join(", ", spec.oneRequired().stream().sorted().toList())));
        }
        if (params.containsKey("equals")) {
            if (given.contains("min") || given.contains("max")) {
                throw error(tuple.getKeyNode().getStartMark(), spec.id() + ": give 'equals' or 'min'/'max', not both");
            }
            params.put("min", params.get("equals"));
            params.put("max", params.remove("equals"));
        }
        if (params.get("min") instanceof Long min && params.get("max") instanceof Long max && min > max) {
            throw error(tuple.getKeyNode().getStartMark(), spec.id() + ": min " + min + " is above max " + max);
        }
        // When in doubt, deny: an unknown fact is as bad as a deviation unless the profile relaxes it.
        return new RuleSettings(spec.id(), severity, ifUnknown == null ? severity : ifUnknown, params, where);
    }

    /** Each text value against the rule's own check, refused where it is written. */
    private void checkValues(RuleSpec spec, String key, Node node, String what) {
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node item : items) {
            if (item instanceof ScalarNode scalar) {
                spec.valueCheck().apply(key, scalar.getValue()).ifPresent(problem -> {
                    throw error(item.getStartMark(), what + ": " + problem);
                });
            }
        }
    }

    private Object convert(Node node, ParamType type, String what) {
        return switch (type) {
            case INTEGER -> integer(node, what);
            case NUMBER -> number(node, what);
            case STRING -> string(node, what);
            case STRING_LIST -> strings(node, what);
            case BYTES -> bytes(node, what);
        };
    }

    /** Like {@link dev.aistorctl.core.config.MappingFields}, but stopping at the first key at fault, in this reader's words. */
    private Map<String, NodeTuple> entries(MappingNode node, String what, List<String> known) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = string(tuple.getKeyNode(), "a key in " + what);
            if (!known.contains(key)) {
                throw problems.stop(tuple.getKeyNode(), "unknown key '" + key + "' in " + what, Suggestion.didYouMeanOr(key, known, "known keys"));
            }
            if (result.containsKey(key)) {
                throw error(tuple.getKeyNode().getStartMark(), "'" + key + "' is given twice in " + what
                        + " (first at line " + (result.get(key).getKeyNode().getStartMark().getLine() + 1) + ")");
            }
            result.put(key, tuple);
        }
        return result;
    }

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node.getStartMark(), what + " must be a mapping of keys to values");
    }

    private Severity severity(Node node, String what, List<Severity> allowed) {
        String text = string(node, what).toUpperCase(Locale.ROOT);
        for (Severity s : allowed) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw error(node.getStartMark(), what + " must be one of "
                + String.join(", ", allowed.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()) + ", not '" + string(node, what) + "'");
    }

    private long integer(Node node, String what) {
        return values.whole(node, what, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private double number(Node node, String what) {
        ScalarNode s = scalar(node, what);
        if (!Tag.INT.equals(s.getTag()) && !Tag.FLOAT.equals(s.getTag())) {
            throw error(node.getStartMark(), what + " must be a number, not '" + s.getValue() + "'");
        }
        // YAML 1.1 also calls 0x1F, 1:30 (base 60) and .inf numbers; a threshold is written in plain decimal.
        try {
            double d = Double.parseDouble(s.getValue().replace("_", ""));
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // refused below, with the position
        }
        throw error(node.getStartMark(), what + " must be a plain decimal number, not '" + s.getValue() + "'");
    }

    private long bytes(Node node, String what) {
        ScalarNode s = scalar(node, what);
        try {
            return ByteSize.parse(s.getValue().replace("_", "")).bytes();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(node.getStartMark(), what + ": " + e.getMessage());
        }
    }

    /** The text as written: "22.04" stays "22.04" although YAML would read it as a float. */
    private String string(Node node, String what) {
        return scalar(node, what).getValue();
    }

    private List<String> strings(Node node, String what) {
        if (node instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                throw error(node.getStartMark(), what + " must list at least one value");
            }
            return seq.getValue().stream().map(n -> string(n, what)).toList();
        }
        return List.of(string(node, what));
    }

    private ScalarNode scalar(Node node, String what) {
        return values.scalar(node, what);
    }

    private static boolean isNull(Node node) {
        return YamlValues.isNull(node);
    }

    private String location(Mark mark) {
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private InvalidConfigException error(Mark mark, String message) {
        return problems.stop(mark, message, "");
    }
}
