package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.text.ByteSize;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the report's template model: ordered maps, and JSON values as the page shows them. */
final class Model {
    /** What the page shows where a value is unknown; a blank cell reads as "forgot to fill in". */
    static final String UNKNOWN = "—";

    private Model() {
    }

    /** An ordered map from alternating keys and values; values may be null (Mustache treats them as absent). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** A journal timestamp to the second: nanoseconds say nothing to the customer. Unparseable text is shown as is. */
    static String when(String iso) {
        if (iso == null || iso.isBlank()) {
            return UNKNOWN;
        }
        try {
            return WHEN.format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** The known parts joined, or {@code whenNone} when none is known: no rows of dashes. */
    static String known(String separator, String whenNone, String... parts) {
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank() && !part.contains(UNKNOWN)) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? whenNone : String.join(separator, kept);
    }

    static JsonNode missing() {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return UNKNOWN;
        }
        String s = node.isValueNode() ? node.asText() : node.toString();
        return s.isBlank() ? UNKNOWN : s;
    }

    static String bytes(JsonNode node) {
        return node != null && node.canConvertToLong() ? ByteSize.decimalTwoPlaces(node.asLong()) : UNKNOWN;
    }

    /** Pixel coordinates: one decimal is finer than any screen or printer needs and keeps the SVG small. */
    static String px(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
