package dev.aistorctl.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Problems found so far, each placed at a node of the YAML tree or a character inside a scalar. */
final class ProblemList {
    private final SourceText source;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> secrets = new HashSet<>();

    ProblemList(SourceText source) {
        this.source = source;
    }

    void at(Node node, String message, String hint) {
        at(node.getStartMark(), message, hint);
    }

    void at(Mark mark, String message, String hint) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        at(line, column, message, hint);
    }

    void at(int line, int column, String message, String hint) {
        problems.add(new Problem(source.label(), line, column, source.line(line), message, hint));
    }

    /**
     * At the {@code index}-th character of a scalar's value. Exact for plain and quoted scalars on
     * one line without escapes; otherwise the scalar's start.
     */
    void inside(ScalarNode node, int index, String message, String hint) {
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

    void file(String message, String hint) {
        problems.add(new Problem(source.label(), 0, 0, "", message, hint));
    }

    /** A secret found written out in the file; masked in every problem, whatever line it shows up on. */
    void secret(String value) {
        if (!value.isEmpty()) {
            secrets.add(value);
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<Problem> list() {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            String text = p.offendingText();
            String message = p.message();
            for (String s : secrets) {
                text = text.replace(s, SourceText.MASK);
                message = message.replace(s, SourceText.MASK);
            }
            out.add(new Problem(p.file(), p.line(), p.column(), text, message, p.hint()));
        }
        out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return out;
    }
}
