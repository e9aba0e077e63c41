package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One pair of one round ("ring": each host to the next; "mesh": every host to every other at once):
 * what the receiver counted, in megabits per second; {@code problem} says why a figure is missing.
 */
public record LinkPass(
        @JsonProperty("round") String round,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("tool") String tool,
        @JsonProperty("mbits") double mbits,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("problem") String problem) {

    public boolean measured() {
        return problem == null;
    }
}
