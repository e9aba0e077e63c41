package dev.aistorctl.hwcheck.profile;

/**
 * How a finding counts. A profile assigns {@code WARN} or {@code FAIL} to a deviation and
 * {@code WARN}, {@code FAIL} or {@code SKIP} to an unknown fact; {@code PASS} is only ever the
 * outcome of a check that was made. {@code SKIP} means "not checked, and the profile allows
 * that": it carries its reason and never fails a host.
 */
public enum Severity {
    PASS, SKIP, WARN, FAIL;

    /** The worse of two severities; SKIP ranks below WARN because it is an allowed outcome. */
    public Severity worst(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
