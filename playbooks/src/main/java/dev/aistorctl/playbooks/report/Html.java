package dev.aistorctl.playbooks.report;

import com.github.mustachejava.util.HtmlEscaper;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place report values are HTML-escaped. The shared {@code Templates} renderer writes values as given
 * (it exists for config files), so the report escapes its whole model once, just before rendering: no value can
 * reach the page unescaped because a template author forgot. Markup lives only in the templates.
 */
public final class Html {
    private Html() {
    }

    /** Mustache's own HTML escaper: {@code & < > " ' ` =} become entities, so values are safe in text and attributes. */
    public static String escape(String value) {
        StringWriter out = new StringWriter(value.length() + 16);
        HtmlEscaper.escape(value, out);
        return out.toString();
    }

    /** A copy of a model (maps, lists, strings, numbers, booleans) with every string escaped; keys are ours and kept. */
    public static Object escapeTree(Object value) {
        if (value instanceof String s) {
            return escape(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), escapeTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(escapeTree(v)));
            return out;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        // Anything else would reach the page through its toString(), unescaped: refuse it here instead.
        throw new IllegalArgumentException("report model holds a " + value.getClass().getName() + "; use strings, numbers, maps and lists");
    }
}
