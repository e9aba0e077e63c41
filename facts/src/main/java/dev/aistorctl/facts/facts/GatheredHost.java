package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One host's line in the gather report: its facts, or why there are none. */
public record GatheredHost(
        @JsonProperty("host") String host,
        @JsonProperty("reachable") boolean reachable,
        @JsonProperty("error") String error,
        @JsonProperty("facts") HostFacts facts) {

    public static GatheredHost of(String host, HostFacts facts) {
        return new GatheredHost(host, true, null, facts);
    }

    public static GatheredHost unreachable(String host, String error) {
        return new GatheredHost(host, false, error, null);
    }
}
