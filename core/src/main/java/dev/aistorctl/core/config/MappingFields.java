package dev.aistorctl.core.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML mapping, checked against the keys the schema knows. Duplicate and unknown
 * keys are reported as the mapping is read, so every one of them is reported, not just the first.
 * SnakeYAML checks duplicates only when it builds Java objects; a reader of the node tree (which
 * never builds objects, so no tag can instantiate a class) must check them here.
 */
public final class MappingFields {
    private final MappingNode node;
    private final String where;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    /** Known keys that an unknown key was probably meant to be; their absence is not reported again. */
    private final Set<String> suggested = new HashSet<>();

    /**
     * @param where how messages name this mapping: "in cluster", "in pool 'pool1'"
     * @param known the keys allowed, or null when any key is (a map keyed by host name)
     */
    public MappingFields(MappingNode node, String where, Collection<String> known, Problems problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.at(keyNode, "a key " + where + " must be a plain word, not a list or mapping", "");
                continue;
            }
            String key = scalar.getValue();
            if (Tag.MERGE.equals(scalar.getTag())) {
                problems.at(keyNode, "merge key '<<' " + where + " is not supported",
                        "write the keys out; a configuration file is read by people at 3 a.m.");
                continue;
            }
            NodeTuple first = entries.get(key);
            if (first != null) {
                problems.at(keyNode, "duplicate key '" + key + "' " + where + " (first at line " + (first.getKeyNode().getStartMark().getLine() + 1) + ")",
                        "remove one of them; YAML keeps only the last, silently");
                continue;
            }
            if (known != null && !known.contains(key)) {
                Optional<String> closest = Suggestion.closest(key, known);
                closest.ifPresent(suggested::add);
                problems.at(keyNode, "unknown key '" + key + "' " + where, Suggestion.didYouMeanOr(key, known, "known keys " + where));
            }
            entries.put(key, tuple);
        }
    }

    public MappingNode node() {
        return node;
    }

    public Map<String, NodeTuple> entries() {
        return entries;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node, or null when the key is absent. */
    public Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    public Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }

    /** The value node, or null after reporting the key missing, at the mapping's own key (its parent's line). */
    public Node required(String key, Node parentKey, String hint) {
        Node value = get(key);
        if (value == null && !suggested.contains(key)) {
            problems.at(parentKey != null ? parentKey : node, "missing required key '" + key + "' " + where, hint);
        }
        return value;
    }
}
