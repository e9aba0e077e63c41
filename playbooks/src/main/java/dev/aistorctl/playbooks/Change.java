package dev.aistorctl.playbooks;

import java.util.Objects;

/**
 * One change a step wants to make on a host, shown to the user before anything runs: what, the value
 * now, the value after, and whether it destroys data (destructive changes are listed first and need
 * an explicit flag or confirmation). The {@link ChangeKey} says what the change is about as data; the
 * other fields are display text, never parsed.
 *
 * @param diff for a file the step writes: what it will hold, as a unified diff against the host's copy (a new
 *             file in full), secrets masked; null for any other change
 */
public record Change(String what, String before, String after, boolean destructive, ChangeKey key, String diff) {

    public Change {
        Objects.requireNonNull(what, "what");
        before = before == null ? "(absent)" : before;
        after = after == null ? "(absent)" : after;
        key = key == null ? ChangeKey.of("change", what) : key;
        diff = diff == null || diff.isEmpty() ? null : diff;
    }

    public Change(String what, String before, String after, boolean destructive, ChangeKey key) {
        this(what, before, after, destructive, key, null);
    }

    /**
     * This change showing what the file will hold as {@code diff}. The host's side of a diff is whatever the file
     * holds now, so anything shaped like a credential assignment in it is masked here, for every file of every step.
     */
    public Change withDiff(String diff) {
        return new Change(what, before, after, destructive, key, Redactor.maskAssignments(diff));
    }

    /** A change known only by its text (a saved plan written before keys existed, a test's fake step). */
    public Change(String what, String before, String after, boolean destructive) {
        this(what, before, after, destructive, null);
    }

    public static Change of(ChangeKey key, String what, String before, String after) {
        return new Change(what, before, after, false, key);
    }

    public static Change destructive(ChangeKey key, String what, String before, String after) {
        return new Change(what, before, after, true, key);
    }

    /** A change whose key is its own text: for fake and ad-hoc steps; built-in steps give a key. */
    public static Change of(String what, String before, String after) {
        return new Change(what, before, after, false);
    }

    /** As {@link #of(String, String, String)}, destructive. */
    public static Change destructive(String what, String before, String after) {
        return new Change(what, before, after, true);
    }

    /** The same text (what, before, after, destructive), whatever the keys. */
    public boolean sameDisplay(Change other) {
        return what.equals(other.what) && before.equals(other.before) && after.equals(other.after)
                && destructive == other.destructive;
    }
}
