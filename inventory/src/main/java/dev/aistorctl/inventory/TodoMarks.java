package dev.aistorctl.inventory;

import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.YamlDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Values still reading {@code TODO}: the choices {@code inventory init} and {@code inventory import} left for a person. Some of
 * them would otherwise pass the schema ({@code root_user: TODO} is a valid user name, {@code env: TODO}
 * a valid variable), so a file with one must not load silently: each is a problem at its own
 * {@code file:line:col}, with the comment {@code init} wrote on that line as the hint. A schema
 * complaint about the same line is dropped, since it only restates that TODO is not a value.
 */
final class TodoMarks {
    static final String MARK = "TODO";
    private static final int MAX_DEPTH = 64;

    private TodoMarks() {
    }

    /** Every TODO value in the document, in file order. */
    static List<Problem> find(YamlDocument document) {
        Problems problems = document.collecting();
        if (document.root() != null) {
            visit(document.root(), "", problems, document, 0);
        }
        return problems.list();
    }

    /** The TODO problems and the reader's, less the reader's about a line that holds a TODO, in file order. */
    static List<Problem> merge(List<Problem> todos, List<Problem> others) {
        Set<Integer> todoLines = new HashSet<>();
        todos.forEach(p -> todoLines.add(p.line()));
        List<Problem> all = new ArrayList<>(todos);
        others.stream().filter(p -> !todoLines.contains(p.line())).forEach(all::add);
        all.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return all;
    }

    private static void visit(Node node, String path, Problems problems, YamlDocument document, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof ScalarNode s) {
            if (MARK.equals(s.getValue().strip())) {
                int line = s.getStartMark().getLine() + 1;
                problems.at(s, (path.isEmpty() ? "a value" : path) + " is still TODO: a choice left for you (inventory init and import mark them)",
                        hint(document.source().line(line), document.source().line(line - 1)));
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                visit(t.getValueNode(), path.isEmpty() ? key : path + "." + key, problems, document, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), path + "[" + i + "]", problems, document, depth + 1);
            }
        }
    }

    /** The {@code # TODO: ...} comment on the line or on the line above, else a general hint. */
    private static String hint(String line, String above) {
        for (String text : new String[] {line, above.strip().startsWith("#") ? above : ""}) {
            int at = text.indexOf("# TODO:");
            if (at >= 0) {
                return text.substring(at + "# TODO:".length()).strip();
            }
        }
        return "replace TODO with a value";
    }
}
