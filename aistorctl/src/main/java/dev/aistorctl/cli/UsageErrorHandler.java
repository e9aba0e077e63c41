package dev.aistorctl.cli;

import dev.aistorctl.core.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line that cannot be parsed: say what is wrong and where to look, exit 2, no usage wall. */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        Terminal terminal = Terminal.of(cli.getCommandSpec());
        terminal.error(ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, cli.getErr());
        terminal.hint("see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        cli.getErr().flush();
        return ExitCode.USAGE.code();
    }
}
