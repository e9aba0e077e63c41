package dev.aistorctl.hwcheck.profile;

import java.util.Map;
import java.util.Set;

/**
 * What a profile may say about one rule: its parameters and their types, which of them must be
 * given (at least one of {@code oneRequired} when that is not empty), the defaults, and how bad a
 * deviation is unless the profile says otherwise.
 */
public record RuleSpec(
        String id,
        Map<String, ParamType> params,
        Set<String> oneRequired,
        Map<String, Object> defaults,
        Severity defaultSeverity) {

    public RuleSpec {
        params = Map.copyOf(params);
        oneRequired = Set.copyOf(oneRequired);
        defaults = Map.copyOf(defaults);
    }

    public String section() {
        return id.substring(0, id.indexOf('.'));
    }

    public String name() {
        return id.substring(id.indexOf('.') + 1);
    }
}
