package dev.aistorctl.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aistorctl.core.Json;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.progress.HostBoard;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command prints, and how: colours only on a terminal and never with --no-color or NO_COLOR,
 * JSON with stable field names when asked. Results go to stdout; progress, errors and hints to stderr.
 */
public final class Terminal implements Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Ansi ansi;
    private final OutputFormat format;
    private final boolean debug;
    private final boolean verbose;
    private final Prompter prompter;
    private final boolean live;
    private LiveBoard board;
    /** The terminal whose board is on the screen: stderr is the process's, and so is what else writes to it. */
    private static volatile Terminal boardOnScreen;

    Terminal(PrintWriter out, PrintWriter err, Ansi ansi, OutputFormat format, boolean debug, boolean verbose, Prompter prompter) {
        this(out, err, ansi, format, debug, verbose, prompter, false);
    }

    /** @param live progress is a board redrawn in place: stderr is a terminal */
    Terminal(PrintWriter out, PrintWriter err, Ansi ansi, OutputFormat format, boolean debug, boolean verbose, Prompter prompter,
             boolean live) {
        this.live = live;
        this.out = out;
        this.err = err;
        this.ansi = ansi;
        this.format = format;
        this.debug = debug;
        this.verbose = verbose;
        this.prompter = prompter;
    }

    /** The terminal of the running command, built from the root command's global options. */
    public static Terminal of(CommandSpec spec) {
        CommandSpec root = spec.root();
        AistorctlCommand options = root.userObject() instanceof AistorctlCommand a ? a : new AistorctlCommand();
        boolean colour = !options.noColor && System.getenv("NO_COLOR") == null && System.console() != null;
        OutputFormat format = options.output == null ? OutputFormat.table : options.output;
        // Colours and the live board are separate: NO_COLOR and --no-color drop colours, a board needs only a terminal.
        return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(),
                colour ? Ansi.ON : Ansi.OFF, format, options.debug, options.verbose, options.prompter,
                options.liveProgress && format != OutputFormat.json);
    }

    /** This terminal printing text whatever -o says: for a rehearsal shown to a person (the demo). */
    public Terminal asText() {
        return new Terminal(out, err, ansi, OutputFormat.table, debug, verbose, prompter, live);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    @Override
    public boolean json() {
        return format == OutputFormat.json;
    }

    public boolean debug() {
        return debug;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    public boolean colour() {
        return ansi == Ansi.ON;
    }

    /** Text with picocli markup such as {@code @|red FAIL|@}; the markup is dropped when colours are off. */
    @Override
    public String style(String markup) {
        return ansi.string(markup);
    }

    @Override
    public void println(String line) {
        above(() -> {
            out.println(line);
            out.flush();
        });
    }

    @Override
    public void printJson(Object value) {
        try {
            out.println(Json.pretty().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
        out.flush();
    }

    @Override
    public void progress(String line) {
        above(() -> {
            err.println(line);
            err.flush();
        });
    }

    @Override
    public void error(String message) {
        above(() -> {
            err.println(style("@|bold,red error:|@ ") + message);
            err.flush();
        });
    }

    @Override
    public void hint(String message) {
        above(() -> {
            err.println(style("@|faint hint:|@ ") + message);
            err.flush();
        });
    }

    /**
     * On a terminal, a board redrawn in place while the hosts work, left in its final state when the phase ends;
     * elsewhere a line per host as it finishes. One board at a time: a new phase ends the one before.
     */
    @Override
    public HostBoard board(String phase, List<String> hosts, List<String> parts) {
        if (!live) {
            return Output.super.board(phase, hosts, parts);
        }
        synchronized (this) {
            if (board != null) {
                board.close();
            }
            board = new LiveBoard(phase, hosts, parts, err, this, System::nanoTime, TerminalSize::columns, TerminalSize::rows);
            boardOnScreen = this;
            out.flush();
            return board.start();
        }
    }

    @Override
    public HostBoard liveBoard(String phase, List<String> hosts, List<String> parts) {
        return live ? board(phase, hosts, parts) : HostBoard.NONE;
    }

    /**
     * Runs {@code print}, which writes to the process's stderr outside any command's output (a signal's message),
     * above the progress board when one is on the screen, so that the board does not draw over it.
     */
    static void aboveAnyBoard(Runnable print) {
        Terminal t = boardOnScreen;
        if (t == null) {
            print.run();
        } else {
            t.above(print);
        }
    }

    /** Prints above the live board, if one is on the screen: it is taken off, the line printed, the board put back. */
    private void above(Runnable print) {
        synchronized (this) {
            LiveBoard b = board != null && !board.closed() ? board : null;
            if (b != null) {
                b.erase();
            }
            print.run();
            if (b != null) {
                b.draw();
            }
        }
    }

    /**
     * The typed confirmation of a change to the whole cluster or of data loss: the operator types the
     * cluster's exact name. Never in JSON mode, whose output a program reads.
     *
     * @return the confirmation, or empty when there is no terminal to ask on
     */
    @Override
    public Optional<Boolean> confirmClusterName(String cluster, String question) {
        if (json()) {
            return Optional.empty();
        }
        err.flush();
        return prompter.ask(question + " Type the cluster name (" + cluster + ") to go on: ")
                .map(typed -> typed.strip().equals(cluster));
    }
}
