package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliConventionsTest {

    @Test
    void versionNamesTheToolAndItsRuntime() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("aistorctl ").contains("Java 17");
        assertThat(run.out().lines().findFirst().orElseThrow()).doesNotContain("unknown");
    }

    @Test
    void helpListsGlobalOptionsAndExamples() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--inventory", "--limit", "--output", "--debug", "--no-color", "Examples:", "Exit codes:");
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String sub : new String[] {"completion", "inventory", "facts", "verify-hardware", "lab", "lab up", "lab prepare"}) {
            CliRun run = CliRun.of((sub + " --help").split(" "));
            assertThat(run.exitCode()).as(sub).isZero();
            assertThat(run.out()).as(sub).contains("Examples:");
        }
    }

    /**
     * Picocli formats help texts as format strings: a bare {@code %} makes it print a warning on the
     * process's stderr and show the raw text, on every help of that command.
     */
    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.util.List<String> rendered = new java.util.ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
            for (picocli.CommandLine command : everyCommand()) {
                command.getUsageMessage();
                rendered.add(command.getCommandSpec().qualifiedName());
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(rendered).contains("aistorctl run", "aistorctl lab up");
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * A root shell on a fresh server or VM often has no sudo, so an example that begins with sudo fails
     * there: every help's examples are written as a root shell runs them, and an example with sudo in
     * front (for any other shell) only repeats one of them.
     */
    @Test
    void everyHelpExampleRunsFromARootShellWithoutSudo() {
        int withSudo = 0;
        for (picocli.CommandLine command : everyCommand()) {
            java.util.List<String> examples = java.util.Arrays.stream(command.getCommandSpec().usageMessage().footer())
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> line.startsWith("aistorctl ") || line.startsWith("sudo "))
                    .toList();
            for (String example : examples) {
                if (example.startsWith("sudo ")) {
                    withSudo++;
                    assertThat(examples).as("the examples of %s", command.getCommandSpec().qualifiedName())
                            .contains(example.substring("sudo ".length()));
                }
            }
        }
        assertThat(withSudo).as("the demo's and the lab's help show the form for a shell that is not root").isEqualTo(2);
        assertThat(CliRun.of("lab", "down", "--help").out())
                .contains("  aistorctl lab down\n", "Needs root: a root shell runs these as shown, any other with sudo in front.");
    }

    /** The root command and every subcommand under it, each as the tool builds it. */
    private static java.util.List<picocli.CommandLine> everyCommand() {
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>();
        java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(
                java.util.List.of(Main.commandLine(sink, sink, question -> java.util.Optional.empty())));
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.pop();
            all.add(command);
            todo.addAll(command.getSubcommands().values());
        }
        return all;
    }

    @Test
    void unknownCommandIsAUsageErrorWithoutStackTrace() {
        CliRun run = CliRun.of("verfy-hardware");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error:", "verfy-hardware").doesNotContain("at dev.aistorctl", "Exception");
    }

    @Test
    void badOptionValueIsAUsageError() {
        CliRun run = CliRun.of("-o", "xml", "completion", "bash");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("xml");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a command is required");
    }

    @Test
    void bashCompletionCompletesSubcommands() {
        CliRun run = CliRun.of("completion", "bash");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "aistorctl", "completion");
    }

    @Test
    void zshCompletionLoadsBashCompatibility() {
        CliRun run = CliRun.of("completion", "zsh");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("autoload -U +X compinit").contains("bashcompinit", "complete -F");
    }

    @Test
    void outputNeverCarriesColourCodesWhenNotATerminal() {
        CliRun run = CliRun.of("nope");
        assertThat(run.err()).doesNotContain("\u001B[");
    }
}
