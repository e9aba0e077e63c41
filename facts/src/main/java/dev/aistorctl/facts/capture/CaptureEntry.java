package dev.aistorctl.facts.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * What the manifest says about one captured file: the command or path it came from, its exit
 * code and how long it took. Any of these may be unknown (null) for a bundle put together by hand.
 * {@code left_out} says what the gather did not gather, and why, because no fact needed it: the whole file
 * (an entry with no exit code, such as {@code lscpu.json} when {@code lscpu.txt} answered), or some devices of
 * a file that was gathered (the disks {@code partition-signatures.txt} did not probe). So a reader tells "not
 * gathered because not needed" from "failed" (an exit code other than 0) and from "missing" (no entry at all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureEntry(
        @JsonProperty("file") String file,
        @JsonProperty("source") String source,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("duration_ms") Long durationMillis,
        @JsonProperty("stderr_file") String stderrFile,
        @JsonProperty("left_out") List<String> leftOut) {

    public CaptureEntry {
        leftOut = leftOut == null || leftOut.isEmpty() ? null : List.copyOf(leftOut);
    }

    /** An entry with nothing left out: every bundle from before the gather left anything out. */
    public CaptureEntry(String file, String source, Integer exitCode, Long durationMillis, String stderrFile) {
        this(file, source, exitCode, durationMillis, stderrFile, null);
    }

    /** A command that the shell could not find exits 127; that is "tool not installed". */
    public boolean toolMissing() {
        return exitCode != null && exitCode == 127;
    }

    public boolean failed() {
        return exitCode != null && exitCode != 0;
    }

    /** The gather did not run this source at all, on purpose: {@link #leftOut()} says why. */
    public boolean notGathered() {
        return exitCode == null && leftOut != null;
    }

    /** What the gather left out of this file and why, one line each; empty when nothing was. */
    public List<String> leftOutLines() {
        return leftOut == null ? List.of() : leftOut;
    }

    /** This entry with one more line of what was left out. */
    CaptureEntry withLeftOut(String line) {
        List<String> lines = new ArrayList<>(leftOutLines());
        lines.add(line);
        return new CaptureEntry(file, source, exitCode, durationMillis, stderrFile, lines);
    }
}
