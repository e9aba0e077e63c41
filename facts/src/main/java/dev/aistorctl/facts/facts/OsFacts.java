package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The operating system from /etc/os-release and the running kernel from uname. */
public record OsFacts(
        @JsonProperty("id") String id,
        @JsonProperty("version_id") String versionId,
        @JsonProperty("pretty_name") String prettyName,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("machine") String machine) {
}
