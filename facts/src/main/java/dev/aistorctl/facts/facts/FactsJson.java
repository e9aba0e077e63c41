package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON setup for facts. Nulls are written, not dropped: an absent key would read as
 * "the tool forgot", a {@code null} says "unknown on this host". Names are snake_case (the
 * records also carry explicit names, so a mapper built elsewhere writes the same keys).
 * Unknown keys are ignored on reading so facts saved by a newer version still load.
 */
public final class FactsJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FactsJson() {
    }

    /** Shared and thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public static HostFacts readHostFacts(String json) {
        try {
            return MAPPER.readValue(json, HostFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a host facts document: " + e.getOriginalMessage(), e);
        }
    }
}
