package dev.aistorctl.core;

/**
 * The one exception hierarchy of aistorctl. Every message names what failed, where and why, and
 * carries the exit code the CLI ends with. The CLI prints {@link #getMessage()} alone (no stack
 * trace) unless --debug is given, so the message must stand on its own.
 */
public class AistorException extends RuntimeException {
    private final ExitCode exitCode;

    public AistorException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AistorException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
