package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.InvalidConfigFileException;
import java.util.List;

/** An inventory that cannot be used; carries every problem found, not just the first. */
public class InvalidInventoryException extends InvalidConfigException {
    private final List<dev.aistorctl.core.config.Problem> problems;

    public InvalidInventoryException(List<dev.aistorctl.core.config.Problem> problems) {
        super(InvalidConfigFileException.all(problems, "inventory").getMessage());
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order of the file. */
    public List<dev.aistorctl.core.config.Problem> configProblems() {
        return problems;
    }

    /**
     * The same problems in the inventory's former type.
     *
     * @deprecated read {@link #configProblems()}; kept until every caller uses the shared type
     */
    @Deprecated
    public List<Problem> problems() {
        return problems.stream().map(Problem::of).toList();
    }
}
