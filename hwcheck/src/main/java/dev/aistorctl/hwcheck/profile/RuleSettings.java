package dev.aistorctl.hwcheck.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule as a profile sets it: its parameters (defaults filled in, already checked against the
 * {@link RuleSpec}), how bad a deviation is, and how bad it is when the fact the rule needs is
 * unknown. {@code location} is where the profile says it ("lab.yaml:12:3"), for messages.
 */
public record RuleSettings(
        String id,
        Severity severity,
        Severity ifUnknown,
        Map<String, Object> params,
        String location) {

    public RuleSettings {
        params = Map.copyOf(params);
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) params.get(name));
    }

    public Optional<Double> number(String name) {
        return Optional.ofNullable((Double) params.get(name));
    }

    /** A BYTES parameter, in bytes. */
    public Optional<Long> bytes(String name) {
        return integer(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object value = params.get(name);
        return value == null ? List.of() : (List<String>) value;
    }
}
