package dev.aistorctl.inventory;

import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.YamlValues;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The inventory's own values on top of the shared YAML ones: text bound for a remote shell, ports,
 * durations, labels, user names and paths relative to the inventory file. Each method returns the
 * value, or null after recording a problem at the node.
 */
final class InventoryValues extends YamlValues {
    static final Pattern LABEL = Pattern.compile("[a-z0-9-]{1,32}");
    static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final Path base;

    /** @param base the inventory's directory, against which relative paths resolve */
    InventoryValues(Problems problems, Path base) {
        super(problems);
        this.base = base;
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
}
