package dev.aistorctl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.aistorctl.playbooks.Interruption;
import picocli.CommandLine;

/** The executable: builds the picocli command tree and turns every outcome into an exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (PlainHelp.answered(args, System.out)) {
            System.exit(0);
        }
        CtrlC.install(System.err);
        int code = run(System.out, System.err, Prompter.console(), TerminalSize.stderrIsTerminal(), args);
        Interruption interruption = Interruption.process();
        if (interruption.requested()) {
            // An interrupted run's own exit, whatever its hosts did: the engineer asked it to stop.
            code = CtrlC.exitCode(interruption.signal());
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one command line in-process: what tests call, and what {@link #main} calls. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, Prompter.console(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)}, with typed answers taken from {@code prompter}. */
    public static int run(PrintStream out, PrintStream err, Prompter prompter, String... args) {
        return run(out, err, prompter, false, args);
    }

    /** As above; {@code liveProgress}: stderr is this process's terminal, progress a board redrawn in place. */
    static int run(PrintStream out, PrintStream err, Prompter prompter, boolean liveProgress, String... args) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            AistorctlCommand root = new AistorctlCommand(prompter);
            root.liveProgress = liveProgress;
            return configured(CommandTree.forArgs(root, args), outWriter, errWriter).execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The whole command tree, every command built in full. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Prompter prompter) {
        return configured(CommandTree.full(new AistorctlCommand(prompter)), out, err);
    }

    private static CommandLine configured(CommandLine cli, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
        return cli;
    }
}
