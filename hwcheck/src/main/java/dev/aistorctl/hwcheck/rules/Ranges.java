package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.Optional;

/** The min/max pair of counting rules ({@code equals} is loaded as min = max). */
final class Ranges {
    private Ranges() {
    }

    static boolean contains(RuleSettings s, long value) {
        Optional<Long> min = s.integer("min");
        Optional<Long> max = s.integer("max");
        return min.map(m -> value >= m).orElse(true) && max.map(m -> value <= m).orElse(true);
    }

    static String describe(RuleSettings s) {
        Optional<Long> min = s.integer("min");
        Optional<Long> max = s.integer("max");
        if (min.isPresent() && max.isPresent()) {
            return min.get().equals(max.get()) ? "exactly " + min.get() : "between " + min.get() + " and " + max.get();
        }
        return min.map(m -> ">= " + m).orElseGet(() -> "<= " + max.orElseThrow());
    }
}
