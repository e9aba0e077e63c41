package dev.aistorctl.workflows.inventory.init;

/**
 * A value {@code inventory init} left as {@code TODO}, where it stands in the written file.
 *
 * @param line   1-based line of the value
 * @param column 1-based column of the value
 * @param key    the key path, e.g. {@code pools[0].drives.count}
 * @param what   what the person has to decide
 */
public record TodoMark(int line, int column, String key, String what) {
}
