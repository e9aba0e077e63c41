package dev.aistorctl.hwcheck.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** What verify-hardware prints: {@code {"hosts":[{"host":..., "findings":[...]}], "summary":{...}}}. */
public record VerifyReport(
        @JsonProperty("profile") String profile,
        @JsonProperty("hosts") List<HostReport> hosts,
        @JsonProperty("summary") VerifySummary summary) {

    public VerifyReport {
        hosts = List.copyOf(hosts);
    }

    /** True when any host failed a rule or could not be checked: the CLI then exits 3. */
    public boolean anyFail() {
        return summary.fail() > 0 || summary.unreachable() > 0;
    }

    public Optional<HostReport> host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
    }
}
