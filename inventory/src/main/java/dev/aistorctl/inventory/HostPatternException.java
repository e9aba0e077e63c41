package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;

/** A host or mount pattern whose ranges cannot be expanded; knows where in the text it went wrong. */
public class HostPatternException extends InvalidConfigException {
    private final int index;
    private final String hint;

    public HostPatternException(String message, int index, String hint) {
        super(message);
        this.index = index;
        this.hint = hint == null ? "" : hint;
    }

    /** 0-based offset in the pattern of the character at fault. */
    public int index() {
        return index;
    }

    public String hint() {
        return hint;
    }
}
