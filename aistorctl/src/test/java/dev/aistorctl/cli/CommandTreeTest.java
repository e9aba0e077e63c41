package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree built for one line behaves as the whole tree does for that line. */
class CommandTreeTest {
    private static final Prompter NO_ANSWERS = question -> Optional.empty();

    @Test
    void theRootHelpIsTheWholeTreesHelp() {
        assertThat(lazy("--help")).isEqualTo(whole("--help")).contains("verify-hardware", "provision", "demo");
    }

    @Test
    void everyCommandsHelpIsTheWholeTreesHelp() {
        for (Class<?> command : AistorctlCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            assertThat(lazy(name, "--help")).as(name).isEqualTo(whole(name, "--help")).contains("Usage: aistorctl " + name);
        }
    }

    @Test
    void aTypoGetsTheSameErrorAsWithTheWholeTree() {
        assertThat(lazy("tnue", "-i", "x.yaml")).isEqualTo(whole("tnue", "-i", "x.yaml")).contains("'tnue'");
    }

    @Test
    void onlyTheNamedCommandIsBuiltInFullAndARootOptionsValueIsNotACommand() {
        CommandLine cli = CommandTree.forArgs(new AistorctlCommand(NO_ANSWERS), "-i", "facts", "--limit", "lab", "tune",
                "--dry-run");

        assertThat((Object) cli.getSubcommands().get("tune").getCommand()).isInstanceOf(dev.aistorctl.cli.tune.TuneCommand.class);
        assertThat(cli.getSubcommands().get("facts").getCommandSpec().findOption("--save-capture")).isNull();
        assertThat(CommandTree.full(new AistorctlCommand(NO_ANSWERS)).getSubcommands().get("facts").getCommandSpec()
                .findOption("--save-capture")).isNotNull();
        assertThat(cli.getSubcommands().get("lab").getSubcommands()).isEmpty();
    }

    @Test
    void completionSeesTheWholeTree() {
        String script = lazy("completion", "bash");
        assertThat(script).isEqualTo(whole("completion", "bash")).contains("--wipe-drives", "--power-cut");
    }

    /** What Main prints for the line, stdout then stderr. */
    private static String lazy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                NO_ANSWERS, args);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the whole tree prints for the line. */
    private static String whole(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter sink = new PrintWriter(text, true);
        Main.commandLine(sink, sink, NO_ANSWERS).execute(args);
        return text.toString();
    }
}
