package dev.aistorctl.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Problems found so far in one file, each placed at a node of the YAML tree or a character inside a
 * scalar. A collecting list ({@link #collecting}) lets a reader carry on and report everything at
 * once, as the inventory does; a fail-fast list ({@link #failFast}) throws the first problem as
 * {@code file:line:col: message; hint}, as the profile, playbook and tuning readers do.
 */
public final class Problems {
    private final SourceText source;
    private final boolean failFast;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> secrets = new HashSet<>();

    private Problems(SourceText source, boolean failFast) {
        this.source = source;
        this.failFast = failFast;
    }

    public static Problems collecting(SourceText source) {
        return new Problems(source, false);
    }

    public static Problems failFast(SourceText source) {
        return new Problems(source, true);
    }

    public SourceText source() {
        return source;
    }

    public void at(Node node, String message, String hint) {
        at(node.getStartMark(), message, hint);
    }

    public void at(Mark mark, String message, String hint) {
        at(line(mark), column(mark), message, hint);
    }

    public void at(int line, int column, String message, String hint) {
        add(problem(line, column, message, hint));
    }

    /**
     * At the {@code index}-th character of a scalar's value. Exact for plain and quoted scalars on
     * one line without escapes; otherwise the scalar's start.
     */
    public void inside(ScalarNode node, int index, String message, String hint) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        boolean oneLine = end != null && start.getLine() == end.getLine();
        int shift = switch (style) {
            case PLAIN -> 0;
            case SINGLE_QUOTED, DOUBLE_QUOTED -> 1;
            default -> -1;
        };
        if (!oneLine || shift < 0 || index < 0 || node.getValue().contains("\\") || node.getValue().contains("'")) {
            at(node, message, hint);
            return;
        }
        at(start.getLine() + 1, start.getColumn() + 1 + shift + index, message, hint);
    }

    /** A problem with the file as a whole: no line, no column. */
    public void file(String message, String hint) {
        add(new Problem(source.label(), 0, 0, "", message, hint));
    }

    /**
     * The problem as an exception to throw now, whatever the mode: for a reader that cannot go on
     * (a missing version, a value out of range) and says so in one line.
     */
    public InvalidConfigFileException stop(Node node, String message, String hint) {
        return stop(node.getStartMark(), message, hint);
    }

    public InvalidConfigFileException stop(Mark mark, String message, String hint) {
        return InvalidConfigFileException.first(masked(problem(line(mark), column(mark), message, hint)));
    }

    /** A secret found written out in the file; masked in every problem, whatever line it shows up on. */
    public void secret(String value) {
        if (!value.isEmpty()) {
            secrets.add(value);
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem, secrets masked, in the order of the file. */
    public List<Problem> list() {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            out.add(masked(p));
        }
        out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return out;
    }

    private void add(Problem problem) {
        if (failFast) {
            throw InvalidConfigFileException.first(masked(problem));
        }
        problems.add(problem);
    }

    private Problem problem(int line, int column, String message, String hint) {
        return new Problem(source.label(), line, column, source.line(line), message, hint);
    }

    private Problem masked(Problem p) {
        String text = p.offendingText();
        String message = p.message();
        for (String s : secrets) {
            text = text.replace(s, SourceText.MASK);
            message = message.replace(s, SourceText.MASK);
        }
        return new Problem(p.file(), p.line(), p.column(), text, message, p.hint());
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    private static int column(Mark mark) {
        return mark == null ? 0 : mark.getColumn() + 1;
    }
}
