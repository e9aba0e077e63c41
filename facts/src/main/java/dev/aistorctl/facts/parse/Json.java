package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * JSON reading for tool output. Tools print numbers as numbers, as floats ("310.0") or as strings
 * (nvme-cli prints 128-bit counters as strings); all three read as the same number here.
 */
final class Json {

    private Json() {
    }

    static JsonNode read(String text, String what) {
        try {
            JsonNode node = dev.aistorctl.core.Json.mapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return Text.blankToNull(node.asText());
    }

    static Long number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : Math.round(node.doubleValue());
        }
        String t = Text.blankToNull(node.asText());
        if (t == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(t.replace(",", ""));
            return d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : d.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(JsonNode node) {
        Long n = number(node);
        return n == null ? null : (int) Math.min(Integer.MAX_VALUE, n);
    }
}
