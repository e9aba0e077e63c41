package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;

/** A pool shape MinIO would refuse to start with. */
public class ImpossibleErasureLayoutException extends InvalidConfigException {
    private final String hint;

    public ImpossibleErasureLayoutException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** Counts that would work instead. */
    public String hint() {
        return hint;
    }
}
