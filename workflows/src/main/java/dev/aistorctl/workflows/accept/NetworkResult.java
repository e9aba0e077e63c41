package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.hwcheck.accept.NetworkThroughput;
import java.util.List;
import java.util.Map;

/**
 * What the network did: per host its sums over the rounds (what the gates judge), every pair of every
 * round, the tool each host had, the hosts that could not take part, and why a pair has no figure.
 */
public record NetworkResult(
        @JsonProperty("seconds_per_round") long secondsPerRound,
        @JsonProperty("streams") int streams,
        @JsonProperty("hosts") List<NetworkThroughput> hosts,
        @JsonProperty("pairs") List<LinkPass> pairs,
        @JsonProperty("tools") Map<String, List<String>> tools,
        @JsonProperty("unmeasured") Map<String, String> unmeasured,
        @JsonProperty("problems") List<String> problems) {

    public NetworkResult {
        hosts = List.copyOf(hosts);
        pairs = List.copyOf(pairs);
        tools = Map.copyOf(tools);
        unmeasured = Map.copyOf(unmeasured);
        problems = List.copyOf(problems);
    }
}
