package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What {@code aistorctl facts} prints: {@code {"hosts":[{"host":..., "reachable":..., "error":..., "facts":{...}}]}}. */
public record GatherReport(@JsonProperty("hosts") List<GatheredHost> hosts) {
    public GatherReport {
        hosts = List.copyOf(hosts);
    }
}
