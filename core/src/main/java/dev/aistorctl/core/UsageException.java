package dev.aistorctl.core;

/** The command line asks for something that cannot be done as asked (exit 2). */
public class UsageException extends AistorException {
    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
