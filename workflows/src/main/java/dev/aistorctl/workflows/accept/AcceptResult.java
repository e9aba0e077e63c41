package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.util.List;
import java.util.Map;

/**
 * What accept measured and how the gates judged it: per host the drives' figures, the network's
 * per host and per pair ({@code network} null when not measured), every node's S3 figures ({@code s3} null when
 * not measured), the findings, and the hosts that
 * could not be measured. This record is accept.json and {@code accept -o json}.
 */
public record AcceptResult(
        @JsonProperty("profile") String profile,
        @JsonProperty("drives") List<HostDrives> drives,
        @JsonProperty("network") NetworkResult network,
        @JsonProperty("s3") S3Result s3,
        @JsonProperty("findings") Map<String, List<Finding>> findings,
        @JsonProperty("unmeasured") Map<String, String> unmeasured,
        @JsonProperty("seconds") Map<String, Double> seconds) {

    public AcceptResult {
        drives = List.copyOf(drives);
        findings = Map.copyOf(findings);
        unmeasured = Map.copyOf(unmeasured);
        seconds = Map.copyOf(seconds);
    }

    @JsonProperty("failed")
    public long failed() {
        return count(Severity.FAIL);
    }

    @JsonProperty("warned")
    public long warned() {
        return count(Severity.WARN);
    }

    @JsonProperty("passed")
    public long passed() {
        return count(Severity.PASS);
    }

    private long count(Severity s) {
        return findings.values().stream().flatMap(List::stream).filter(f -> f.severity() == s).count();
    }

    /**
     * 3 any FAIL (as verify-hardware), else 1 when a host, drive or network pair could not be measured or the S3 part
     * had a problem (a request failed, the bucket was not removed), else 0.
     */
    @JsonIgnore
    public ExitCode exitCode() {
        if (failed() > 0) {
            return ExitCode.HARDWARE_CHECK_FAILED;
        }
        boolean unmeasuredDrive = drives.stream().anyMatch(h -> !h.problems().isEmpty());
        boolean unmeasuredPair = network != null && !network.problems().isEmpty();
        boolean s3Problem = s3 != null && !s3.problems().isEmpty();
        return unmeasured.isEmpty() && !unmeasuredDrive && !unmeasuredPair && !s3Problem ? ExitCode.OK : ExitCode.HOST_FAILED;
    }
}
