package dev.aistorctl.cli;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception into one clear line on stderr and an exit code; the stack trace only with --debug. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        Terminal terminal = Terminal.of(cli.getCommandSpec());
        String message = ex instanceof AistorException ? ex.getMessage() : describeUnexpected(ex);
        terminal.error(message);
        if (terminal.debug()) {
            ex.printStackTrace(cli.getErr());
        } else if (!(ex instanceof AistorException)) {
            terminal.hint("run again with --debug for the stack trace");
        }
        cli.getErr().flush();
        return exitCodeOf(ex);
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof AistorException aistor) {
            return aistor.exitCode().code();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE.code();
        }
        return ExitCode.HOST_FAILED.code();
    }

    private static String describeUnexpected(Exception ex) {
        String detail = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return "internal error (" + ex.getClass().getSimpleName() + ")" + detail;
    }
}
