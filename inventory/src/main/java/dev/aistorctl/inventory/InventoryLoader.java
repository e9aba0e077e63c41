package dev.aistorctl.inventory;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.SourceText;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads and validates an inventory file. Every problem in the file is found in one pass and
 * reported together, each with {@code file:line:column}, the line at fault and a hint, so a
 * field engineer fixes the file once rather than once per problem.
 *
 * <p>The file is read by the shared {@link YamlReader}, which treats it as hostile (size, encoding,
 * alias and nesting limits) and only composes it into a node tree; the tree is read against the
 * schema here.
 */
public final class InventoryLoader {
    public static final int MAX_BYTES = YamlReader.MAX_BYTES;
    public static final int MAX_COLLECTION_ALIASES = YamlReader.MAX_COLLECTION_ALIASES;
    private static final YamlReader YAML = YamlReader.of("inventory");

    private InventoryLoader() {
    }

    /**
     * @throws InvalidInventoryException listing every problem when the file is unreadable or invalid
     */
    public static Inventory load(Path file) {
        try {
            return read(file, YAML.read(file));
        } catch (NoSuchFileException e) {
            Problems problems = Problems.collecting(new SourceText(file.toString(), ""));
            problems.file("no such file", "check the path; relative paths are from the current directory");
            throw new InvalidInventoryException(problems.list());
        } catch (InvalidConfigFileException e) {
            throw new InvalidInventoryException(e.problems());
        }
    }

    /** Validates inventory text that claims to come from {@code file}; relative paths resolve against its directory. */
    public static Inventory parse(Path file, byte[] bytes) {
        try {
            return read(file, YAML.parse(file.toString(), bytes));
        } catch (InvalidConfigFileException e) {
            throw new InvalidInventoryException(e.problems());
        }
    }

    private static Inventory read(Path file, YamlDocument document) {
        Problems problems = document.collecting();
        if (document.root() == null) {
            problems.at(1, 1, "the inventory is empty", "start from inventory/examples/single-node.yaml");
            throw new InvalidInventoryException(problems.list());
        }
        Path base = file.toAbsolutePath().getParent();
        List<Problem> todos = TodoMarks.find(document);
        Inventory inventory = new InventoryReader(problems, base, file).read(document.root());
        if (!todos.isEmpty()) {
            throw new InvalidInventoryException(TodoMarks.merge(todos, problems.list()));
        }
        if (!problems.isEmpty() || inventory == null) {
            if (problems.isEmpty()) {
                problems.at(1, 1, "the inventory could not be read as version " + InventoryReader.SUPPORTED_VERSION, "");
            }
            throw new InvalidInventoryException(problems.list());
        }
        return inventory;
    }
}
