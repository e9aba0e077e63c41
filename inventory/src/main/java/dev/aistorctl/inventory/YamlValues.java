package dev.aistorctl.inventory;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed values read from YAML nodes. Each method returns the value, or null after recording a
 * problem at the node, so the caller can carry on and report everything else too.
 */
final class YamlValues {
    static final Pattern LABEL = Pattern.compile("[a-z0-9-]{1,32}");
    static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final ProblemList problems;
    private final Path base;

    /** @param base the inventory's directory, against which relative paths resolve */
    YamlValues(ProblemList problems, Path base) {
        this.problems = problems;
        this.base = base;
    }

    MappingNode mapping(Node node, String what, String hint) {
        if (node instanceof MappingNode m) {
            return m;
        }
        problems.at(node, what + " must be a mapping (key: value lines), not " + describe(node), hint);
        return null;
    }

    SequenceNode sequence(Node node, String what, String hint) {
        if (node instanceof SequenceNode s) {
            return s;
        }
        problems.at(node, what + " must be a list, not " + describe(node), hint);
        return null;
    }

    ScalarNode scalar(Node node, String what) {
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

    String text(Node node, String what) {
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
    String safeText(Node node, String what) {
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        return metacharacterFree((ScalarNode) node, t, what + " '" + t + "'", "letters, digits, '.', '_' and '-' only") ? t : null;
    }

    boolean metacharacterFree(ScalarNode node, String text, String what, String hint) {
        OptionalInt at = ShellMetacharacters.firstIn(text);
        if (at.isEmpty()) {
            return true;
        }
        char c = text.charAt(at.getAsInt());
        problems.inside(node, at.getAsInt(), what + " contains " + ShellMetacharacters.describe(c)
                + ", which a remote shell would interpret; refused", hint);
        return false;
    }

    Integer integer(Node node, String what, int min, int max) {
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

    Integer portOf(Node node, String what) {
        return node == null ? null : integer(node, what, 1, 65535);
    }

    Duration duration(Node node, String what) {
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

    <E extends Enum<E>> E choice(Node node, String what, Class<E> type) {
        String t = text(node, what);
        if (t == null) {
            return null;
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (names.contains(t)) {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        }
        problems.at(node, "unknown " + what + " '" + t + "'", Suggestion.closest(t, names).map(s -> "did you mean '" + s + "'?")
                .orElse(what + " is one of " + String.join(", ", names)));
        return null;
    }

    String label(Node node, String what, String example) {
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

    String unixUser(Node node, String what) {
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

    Path pathOf(Node node, String what) {
        if (node == null) {
            return null;
        }
        String t = text(node, what);
        return t == null ? null : path(node, t, what);
    }

    /** {@code ~} is the user's home; a relative path is relative to the inventory file, wherever the command runs from. */
    Path path(Node node, String text, String what) {
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

    static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static String describe(Node node) {
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
