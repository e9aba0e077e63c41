package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;
import java.util.List;
import java.util.stream.Collectors;

/** An inventory that cannot be used; carries every problem found, not just the first. */
public class InvalidInventoryException extends InvalidConfigException {
    private final List<Problem> problems;

    public InvalidInventoryException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid inventory has at least one problem");
        }
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return problems.stream().map(Problem::render).collect(Collectors.joining("\n", "", "\n" + count + " in inventory"));
    }
}
