package dev.aistorctl.facts.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the manifest says about one captured file: the command or path it came from, its exit
 * code and how long it took. Any of these may be unknown (null) for a bundle put together by hand.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureEntry(
        @JsonProperty("file") String file,
        @JsonProperty("source") String source,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("duration_ms") Long durationMillis,
        @JsonProperty("stderr_file") String stderrFile) {

    /** A command that the shell could not find exits 127; that is "tool not installed". */
    public boolean toolMissing() {
        return exitCode != null && exitCode == 127;
    }

    public boolean failed() {
        return exitCode != null && exitCode != 0;
    }
}
