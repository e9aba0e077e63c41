package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Json;

/**
 * JSON for facts and the reports built on them, written with the shared mapper's indented writer.
 * Nulls are written, not dropped: an absent key would read as "the tool forgot", a {@code null}
 * says "unknown on this host". Names are snake_case because every record names its fields
 * ({@code @JsonProperty}), not through a naming strategy, so any writer of the shared mapper writes
 * the same keys. Unknown keys are ignored on reading so facts saved by a newer version still load.
 */
public final class FactsJson {

    private FactsJson() {
    }

    /** The shared mapper, for reading facts documents as trees. */
    public static ObjectMapper mapper() {
        return Json.mapper();
    }

    public static String write(Object value) {
        try {
            return Json.pretty().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public static HostFacts readHostFacts(String json) {
        try {
            return Json.lenientReader(HostFacts.class).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a host facts document: " + e.getOriginalMessage(), e);
        }
    }
}
