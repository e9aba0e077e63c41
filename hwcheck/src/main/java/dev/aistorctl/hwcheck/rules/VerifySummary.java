package dev.aistorctl.hwcheck.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The counts of the end-of-run table. {@code pass}, {@code warn} and {@code fail} count hosts by
 * their worst finding (a SKIP counts as a pass); {@code failed_hosts} lists the failed and the
 * unreachable hosts in input order, the hosts an engineer must go back to.
 */
public record VerifySummary(
        @JsonProperty("hosts") int hosts,
        @JsonProperty("pass") int pass,
        @JsonProperty("warn") int warn,
        @JsonProperty("fail") int fail,
        @JsonProperty("unreachable") int unreachable,
        @JsonProperty("failed_hosts") List<String> failedHosts) {

    public VerifySummary {
        failedHosts = List.copyOf(failedHosts);
    }

    static VerifySummary of(List<HostReport> reports) {
        return new VerifySummary(reports.size(), count(reports, HostStatus.PASS), count(reports, HostStatus.WARN),
                count(reports, HostStatus.FAIL), count(reports, HostStatus.UNREACHABLE),
                reports.stream().filter(r -> r.status() == HostStatus.FAIL || r.status() == HostStatus.UNREACHABLE)
                        .map(HostReport::host).toList());
    }

    private static int count(List<HostReport> reports, HostStatus status) {
        return (int) reports.stream().filter(r -> r.status() == status).count();
    }
}
