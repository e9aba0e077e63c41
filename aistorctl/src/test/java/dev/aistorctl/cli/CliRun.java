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

    /**
     * A run of the packaged CLI (target/aistorctl.jar) as a controller of its own, its own JVM and pid, with
     * {@code home} as its AISTORCTL_HOME: a second controller beside runs in this process.
     */
    static CliRun packaged(java.nio.file.Path home, String... args) throws java.io.IOException, InterruptedException {
        java.nio.file.Path jar = java.nio.file.Path.of("target", "aistorctl.jar").toAbsolutePath();
        if (!java.nio.file.Files.exists(jar)) {
            throw new AssertionError("the packaged CLI is missing: " + jar);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java", "-jar", jar.toString()));
        command.addAll(java.util.List.of(args));
        java.nio.file.Path out = java.nio.file.Files.createTempFile(home, "controller", ".out");
        java.nio.file.Path err = java.nio.file.Files.createTempFile(home, "controller", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("AISTORCTL_HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the packaged CLI did not end within 5 minutes: " + command);
        }
        return new CliRun(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    }

    private static CliRun of(Prompter prompter, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), prompter, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
