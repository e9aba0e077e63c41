package dev.aistorctl.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * How every command starts: the terminal and the global options of the command line it runs in. A
 * command maps its flags to a workflow's request and the workflow's result to output and an exit code.
 */
public abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        return run(Terminal.of(spec), GlobalOptions.of(spec));
    }

    /** The command's work; returns the exit code. */
    protected abstract int run(Terminal terminal, GlobalOptions global);

    /** 0 when everything succeeded, 1 when a host failed. */
    protected static int hostsOk(boolean ok) {
        return ok ? dev.aistorctl.core.ExitCode.OK.code() : dev.aistorctl.core.ExitCode.HOST_FAILED.code();
    }
}
