package dev.aistorctl.hwcheck.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures behind a finding that judged a measurement (accept's gates), as numbers, so that what reads the finding
 * (the as-built report's bars and heat map) never parses its human {@code expected} text: the figure measured, the
 * floor it had to reach, and the reference the floor is a fraction of.
 *
 * @param direction     what was measured: "read", "write", "send", "receive", "PUT", "GET"
 * @param measured      the figure measured, in {@code unit}
 * @param floor         the least that passes: {@code fraction} of {@code reference}
 * @param reference     the spec figure or the peers' median
 * @param referenceKind {@link #SPEC} (a figure of the hardware: datasheet, line rate, min(NIC, drives)) or
 *                      {@link #MEDIAN} (the median of the peers)
 * @param basis         what the reference is, in words: "spec", "line rate", "median of 6 (no model) drives"
 * @param fraction      the floor's share of the reference, 0 to 1
 * @param unit          "MB/s" (decimal megabytes a second) or "Mb/s" (decimal megabits a second)
 */
public record Measurement(
        @JsonProperty("direction") String direction,
        @JsonProperty("measured") double measured,
        @JsonProperty("floor") double floor,
        @JsonProperty("reference") double reference,
        @JsonProperty("reference_kind") String referenceKind,
        @JsonProperty("basis") String basis,
        @JsonProperty("fraction") double fraction,
        @JsonProperty("unit") String unit) {
    public static final String SPEC = "spec";
    public static final String MEDIAN = "median";
}
