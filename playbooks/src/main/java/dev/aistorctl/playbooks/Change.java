package dev.aistorctl.playbooks;

import java.util.Objects;

/**
 * One change a step wants to make on a host, shown to the user before anything runs: what, the value
 * now, the value after, and whether it destroys data (destructive changes are listed first and need
 * an explicit flag or confirmation).
 */
public record Change(String what, String before, String after, boolean destructive) {

    public Change {
        Objects.requireNonNull(what, "what");
        before = before == null ? "(absent)" : before;
        after = after == null ? "(absent)" : after;
    }

    public static Change of(String what, String before, String after) {
        return new Change(what, before, after, false);
    }

    public static Change destructive(String what, String before, String after) {
        return new Change(what, before, after, true);
    }
}
