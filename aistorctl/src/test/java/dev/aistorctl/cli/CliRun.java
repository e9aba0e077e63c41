package dev.aistorctl.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI: its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

    /** A run with no terminal: any typed confirmation is refused, as for a script. */
    static CliRun of(String... args) {
        return of(question -> java.util.Optional.empty(), args);
    }

    /** A run on a terminal where the operator types {@code line} at any question. */
    static CliRun typing(String line, String... args) {
        return of(question -> java.util.Optional.of(line), args);
    }

    private static CliRun of(Prompter prompter, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), prompter, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
