package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Which capture sources the facts were made from. {@code present}: read and used; {@code missing}:
 * not in the capture at all; {@code failed}: the command ran and failed (exit code and the first
 * line of its error), e.g. exit 127 when nvme-cli is not installed. A rule reporting an unknown
 * value quotes the entry for the source it needed.
 */
public record SourceReport(
        @JsonProperty("present") List<String> present,
        @JsonProperty("missing") List<String> missing,
        @JsonProperty("failed") List<FailedSource> failed) {

    public SourceReport {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
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
}
