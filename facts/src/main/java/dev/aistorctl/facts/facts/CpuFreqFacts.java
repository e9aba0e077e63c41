package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * CPU frequency scaling. {@code governors} holds the distinct current governors over all CPUs, so
 * a host with mixed settings shows more than one; {@code cpus} is how many CPUs reported one.
 */
public record CpuFreqFacts(
        @JsonProperty("driver") String driver,
        @JsonProperty("governors") List<String> governors,
        @JsonProperty("available_governors") List<String> availableGovernors,
        @JsonProperty("cpus") Integer cpus,
        @JsonProperty("min_mhz") Double minMhz,
        @JsonProperty("max_mhz") Double maxMhz) {

    public CpuFreqFacts {
        governors = governors == null ? null : List.copyOf(governors);
        availableGovernors = availableGovernors == null ? null : List.copyOf(availableGovernors);
    }
}
