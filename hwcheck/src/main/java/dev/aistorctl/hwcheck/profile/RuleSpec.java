package dev.aistorctl.hwcheck.profile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a profile may say about one rule: its parameters and their types, which of them must be
 * given (at least one of {@code oneRequired} when that is not empty), the defaults, and how bad a
 * deviation is unless the profile says otherwise. {@code valueCheck} refuses a value no host could
 * ever meet (parameter name and one value in, the problem out), so the profile is refused at load.
 */
public record RuleSpec(
        String id,
        Map<String, ParamType> params,
        Set<String> oneRequired,
        Map<String, Object> defaults,
        Severity defaultSeverity,
        BiFunction<String, String, Optional<String>> valueCheck) {

    public RuleSpec(String id, Map<String, ParamType> params, Set<String> oneRequired, Map<String, Object> defaults,
            Severity defaultSeverity) {
        this(id, params, oneRequired, defaults, defaultSeverity, (name, value) -> Optional.empty());
    }

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
