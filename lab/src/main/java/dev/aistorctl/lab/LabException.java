package dev.aistorctl.lab;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.ExitCode;

/** A lab could not be brought up, inspected or torn down; the message names the lab or host and the cause. */
public class LabException extends AistorException {
    public LabException(String message) {
        super(ExitCode.HOST_FAILED, message);
    }

    public LabException(String message, Throwable cause) {
        super(ExitCode.HOST_FAILED, message, cause);
    }
}
