package dev.aistorctl.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed values read from YAML nodes. Each method returns the value, or null after recording a
 * problem at the node, so a collecting reader can carry on and report everything else too (with a
 * fail-fast {@link Problems} the first problem is thrown instead). A schema with values of its own
 * (durations, paths, host names) extends this class.
 */
public class YamlValues {
    protected final Problems problems;

    public YamlValues(Problems problems) {
        this.problems = problems;
    }

    public MappingNode mapping(Node node, String what, String hint) {
        if (node instanceof MappingNode m) {
            return m;
        }
        problems.at(node, what + " must be a mapping (key: value lines), not " + describe(node), hint);
        return null;
    }

    public SequenceNode sequence(Node node, String what, String hint) {
        if (node instanceof SequenceNode s) {
            return s;
        }
        problems.at(node, what + " must be a list, not " + describe(node), hint);
        return null;
    }

    public ScalarNode scalar(Node node, String what) {
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

    public String text(Node node, String what) {
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

    public Integer integer(Node node, String what, int min, int max) {
        Long value = whole(node, what, min, max);
        return value == null ? null : value.intValue();
    }

    /** A whole number written as one (quoted "8" is text, refused with a hint), within {@code min..max}. */
    public Long whole(Node node, String what, long min, long max) {
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
        return value;
    }

    public <E extends Enum<E>> E choice(Node node, String what, Class<E> type) {
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (names.contains(t)) {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        }
        problems.at(node, "unknown " + what + " '" + t + "'", Suggestion.didYouMean(t, names)
                .orElse(what + " is one of " + String.join(", ", names)));
        return null;
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "empty";
        }
        return "a single value";
    }
}
