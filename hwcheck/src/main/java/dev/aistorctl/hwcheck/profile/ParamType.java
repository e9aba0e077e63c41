package dev.aistorctl.hwcheck.profile;

/** The kinds of value a rule parameter takes in a profile. */
public enum ParamType {
    /** A whole number. */
    INTEGER,
    /** Any number, e.g. 16 or 2.5. */
    NUMBER,
    /** A size: a number of bytes or text with a unit ("512 GiB", "15.36 TB"). */
    BYTES,
    /** One text value. */
    STRING,
    /** One text value or a list of them; a single value is read as a list of one. */
    STRING_LIST
}
