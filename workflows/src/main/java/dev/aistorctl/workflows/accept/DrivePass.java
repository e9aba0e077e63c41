package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One drive's write and read in one pass ("together": every drive of its host at once; "alone"), in
 * decimal MB/s; {@code problem} says why a figure is missing.
 */
public record DrivePass(
        @JsonProperty("mount") String mount,
        @JsonProperty("pass") String pass,
        @JsonProperty("write_mbps") double writeMbps,
        @JsonProperty("read_mbps") double readMbps,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("problem") String problem) {

    public boolean measured() {
        return problem == null;
    }
}
