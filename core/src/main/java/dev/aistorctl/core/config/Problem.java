package dev.aistorctl.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file (inventory, profile, playbook), located to the character
 * so that an engineer at a console can go straight to it. Lines and columns are 1-based, as editors
 * count them.
 *
 * @param file          the file as the user named it
 * @param line          1-based line, 0 when the problem concerns the whole file
 * @param column        1-based column, 0 when the problem concerns the whole line or file
 * @param offendingText the source text at fault (a secret is never included), may be empty
 * @param message       what is wrong
 * @param hint          how to put it right, may be empty
 */
public record Problem(String file, int line, int column, String offendingText, String message, String hint) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        offendingText = offendingText == null ? "" : offendingText;
        hint = hint == null ? "" : hint;
    }

    /** {@code inv.yaml:12:7}, {@code inv.yaml:12} or {@code inv.yaml}: as precise as the problem is. */
    public String location() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        return out.toString();
    }

    /**
     * Renders in the compiler style that editors and terminals turn into links:
     * {@code inv.yaml:12:7: message}, then the offending text indented, then the hint.
     */
    public String render() {
        StringBuilder out = new StringBuilder(location());
        out.append(": ").append(message);
        if (!offendingText.isBlank()) {
            out.append("\n    ").append(offendingText.strip());
        }
        if (!hint.isBlank()) {
            out.append("\n  hint: ").append(hint);
        }
        return out.toString();
    }

    /** {@code p.yaml:3:1: message; hint}: the form of readers that stop at the first problem. */
    public String oneLine() {
        return location() + ": " + message + (hint.isBlank() ? "" : "; " + hint);
    }

    @Override
    public String toString() {
        return render();
    }
}
