package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import java.util.List;

/** An inventory that cannot be used; carries every problem found, not just the first. */
public class InvalidInventoryException extends InvalidConfigException {
    private final List<Problem> problems;

    public InvalidInventoryException(List<Problem> problems) {
        super(InvalidConfigFileException.all(problems, "inventory").getMessage());
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }
}
