package dev.aistorctl.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON mapper of aistorctl, with Jackson's defaults: compact output, fields in declaration
 * order, nulls written, an unknown property refused on reading. The variants are views of it, not
 * mappers of their own: {@link #pretty()} for files and documents people read, {@link #lenientReader}
 * for documents a newer aistorctl may have written. Names are the types' own business
 * ({@code @JsonProperty}), so every caller writes the same keys. Built on first use, so a command
 * that prints only help never loads Jackson's serializers.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Shared and thread-safe; never reconfigure it (make a writer or reader from it instead). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Two-space indented output, one field per line: capture manifests, drive markers, facts documents. */
    public static ObjectWriter pretty() {
        return PRETTY;
    }

    /** Reads {@code type} ignoring properties it does not know, so a document from a newer version still loads. */
    public static ObjectReader lenientReader(Class<?> type) {
        return MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
