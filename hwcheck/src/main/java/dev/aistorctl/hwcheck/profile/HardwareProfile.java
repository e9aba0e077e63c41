package dev.aistorctl.hwcheck.profile;

import java.util.List;
import java.util.Optional;

/**
 * What a server must be, as data: the rules a profile switches on and their thresholds.
 * {@code source} says where it was read from ("built-in ampere-altra-m128" or a file path).
 */
public record HardwareProfile(
        String name,
        int version,
        String description,
        String source,
        List<RuleSettings> rules) {

    public HardwareProfile {
        rules = List.copyOf(rules);
    }

    public Optional<RuleSettings> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
