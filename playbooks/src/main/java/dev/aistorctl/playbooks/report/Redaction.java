package dev.aistorctl.playbooks.report;

import dev.aistorctl.playbooks.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A last line of defence before the document leaves the site: the run's outputs are already redacted where they
 * were written, but the as-built document is handed to the customer, so any {@code PASSWORD=…}/{@code secret: …}
 * shaped text that slipped through is masked again here, over every value of the model.
 */
final class Redaction {
    static final String MASK = Redactor.MASK;

    private Redaction() {
    }

    static String text(String value) {
        return Redactor.maskAssignments(value);
    }

    static Object tree(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), tree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(tree(v)));
            return out;
        }
        return value;
    }
}
