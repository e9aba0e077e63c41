package dev.aistorctl.core;

/** An inventory, profile or playbook that cannot be used as given (exit 4). */
public class InvalidConfigException extends AistorException {
    public InvalidConfigException(String message) {
        super(ExitCode.INVALID_CONFIG, message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(ExitCode.INVALID_CONFIG, message, cause);
    }
}
