package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Marker(@JsonProperty("format") String format, @JsonProperty("size_bytes") Long sizeBytes,
            @JsonProperty("serials") List<String> serials) {
    }

    private static Object sample() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("marker", new Marker("aistorctl-drive/1", null, List.of("S1", "S2")));
        doc.put("empty", Map.of());
        doc.put("note", "ü \"quoted\"");
        return doc;
    }

    @Test
    void the_shared_mapper_and_its_pretty_writer_write_what_each_module_s_own_mapper_wrote() throws Exception {
        // The mappers it replaces: new ObjectMapper(), with INDENT_OUTPUT for files people read.
        assertThat(Json.mapper().writeValueAsString(sample())).isEqualTo(new ObjectMapper().writeValueAsString(sample()))
                .isEqualTo("{\"marker\":{\"format\":\"aistorctl-drive/1\",\"size_bytes\":null,\"serials\":[\"S1\",\"S2\"]},"
                        + "\"empty\":{},\"note\":\"ü \\\"quoted\\\"\"}");
        assertThat(Json.pretty().writeValueAsString(sample()))
                .isEqualTo(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample()))
                .startsWith("{\n  \"marker\" : {\n    \"format\" : \"aistorctl-drive/1\",\n    \"size_bytes\" : null,");
    }

    @Test
    void only_the_lenient_reader_ignores_unknown_properties() throws Exception {
        String newer = "{\"format\":\"f\",\"size_bytes\":5,\"serials\":[],\"added_later\":true}";

        assertThat(Json.lenientReader(Marker.class).<Marker>readValue(newer)).isEqualTo(new Marker("f", 5L, List.of()));
        assertThatThrownBy(() -> Json.mapper().readValue(newer, Marker.class)).isInstanceOf(UnrecognizedPropertyException.class);
    }
}
