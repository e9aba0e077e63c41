package dev.aistorctl.storagenode.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of a script that asks a node several things in one round trip, each answer after a
 * {@code == SECTION ARG} line: split back into its sections, in order, blank lines dropped.
 */
public final class SectionedOutput {
    private SectionedOutput() {
    }

    public static Map<String, List<String>> split(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3), current);
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return sections;
    }
}
