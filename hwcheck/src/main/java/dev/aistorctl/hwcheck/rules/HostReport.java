package dev.aistorctl.hwcheck.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One host in the verify report. An unreachable host has {@code reachable: false}, the
 * {@code error} that stopped the gather and no findings; it counts as failed.
 */
public record HostReport(
        @JsonProperty("host") String host,
        @JsonProperty("status") HostStatus status,
        @JsonProperty("reachable") boolean reachable,
        @JsonProperty("error") String error,
        @JsonProperty("findings") List<Finding> findings) {

    public HostReport {
        findings = List.copyOf(findings);
    }
}
