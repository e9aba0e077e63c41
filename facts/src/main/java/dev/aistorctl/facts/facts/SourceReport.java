package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Which capture sources the facts were made from. {@code present}: read and used; {@code missing}:
 * not in the capture at all; {@code failed}: the command ran and failed (exit code and the first
 * line of its error), e.g. exit 127 when nvme-cli is not installed; {@code left_out}: what the gather
 * left out on purpose, as the capture's manifest says, so a reader of the facts alone tells "not
 * gathered because not needed" from "missing". A rule reporting an unknown value quotes the entry for
 * the source it needed.
 */
public record SourceReport(
        @JsonProperty("present") List<String> present,
        @JsonProperty("missing") List<String> missing,
        @JsonProperty("failed") List<FailedSource> failed,
        @JsonProperty("left_out") List<LeftOutSource> leftOut) {

    public SourceReport {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
        // Facts saved before left_out was reported read as "nothing left out".
        leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
    }

    /** A report of sources where nothing was left out on purpose (a local read, a bundle from before). */
    public SourceReport(List<String> present, List<String> missing, List<FailedSource> failed) {
        this(present, missing, failed, List.of());
    }

    /** Why a source gave nothing: "missing", "failed (exit 127: nvme: not found)", or empty when present. */
    @JsonIgnore
    public Optional<String> whyUnknown(String file) {
        for (FailedSource f : failed) {
            if (f.file().equals(file)) {
                return Optional.of(f.describe());
            }
        }
        if (missing.contains(file)) {
            return Optional.of(file + " missing from the capture");
        }
        return Optional.empty();
    }

    /** A source that ran but failed; {@code tool_missing} is true for exit 127 (command not found). */
    public record FailedSource(
            @JsonProperty("file") String file,
            @JsonProperty("source") String source,
            @JsonProperty("exit_code") Integer exitCode,
            @JsonProperty("message") String message,
            @JsonProperty("tool_missing") boolean toolMissing) {

        public String describe() {
            String what = source == null ? file : source;
            String why = toolMissing ? "command not found" : "exit " + exitCode;
            return what + " failed (" + why + (message == null || message.isBlank() ? "" : ": " + message) + ")";
        }
    }

    /**
     * A source the gather left out on purpose, in whole or for some devices.
     *
     * @param gathered false when the source was not run at all; true when it ran and skipped the devices its lines name
     * @param why      the manifest's {@code left_out} lines, as the gather wrote them
     */
    public record LeftOutSource(
            @JsonProperty("file") String file,
            @JsonProperty("source") String source,
            @JsonProperty("gathered") boolean gathered,
            @JsonProperty("why") List<String> why) {

        public LeftOutSource {
            why = List.copyOf(why);
        }
    }
}
