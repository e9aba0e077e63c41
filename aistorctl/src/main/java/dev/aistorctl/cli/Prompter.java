package dev.aistorctl.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Where a typed answer comes from. Only a terminal counts: a line piped in by a script is no
 * confirmation of a destructive change, scripts say --yes.
 */
@FunctionalInterface
public interface Prompter {

    /** @return the line typed after the question, or empty when there is no one to ask */
    Optional<String> ask(String question);

    /** The controlling terminal, when stdin and stdout are one. */
    static Prompter console() {
        return question -> {
            Console console = System.console();
            return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", question));
        };
    }
}
