package dev.aistorctl.core.config;

import dev.aistorctl.core.InvalidConfigException;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration file that cannot be used, with every problem found in it, each located (exit 4). */
public class InvalidConfigFileException extends InvalidConfigException {
    private final List<Problem> problems;

    private InvalidConfigFileException(List<Problem> problems, String message) {
        super(message);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid file has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem in compiler style, then how many: {@code 3 problems in inventory}.
     *
     * @param kind what the file is, as the count line names it: "inventory", "playbook"
     */
    public static InvalidConfigFileException all(List<Problem> problems, String kind) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return new InvalidConfigFileException(problems,
                problems.stream().map(Problem::render).collect(Collectors.joining("\n", "", "\n" + count + " in " + kind)));
    }

    /** One problem in one line, {@code file:line:col: message; hint}: what a fail-fast reader throws. */
    static InvalidConfigFileException first(Problem problem) {
        return new InvalidConfigFileException(List.of(problem), problem.oneLine());
    }

    public List<Problem> problems() {
        return problems;
    }
}
