package dev.aistorctl.cli;

/** How results are printed: a table for people, JSON for programs (field names documented in docs/json-output.md). */
public enum OutputFormat {
    table,
    json
}
