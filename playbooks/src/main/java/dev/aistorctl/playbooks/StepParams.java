package dev.aistorctl.playbooks;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one step as written in a playbook, each with where it was written, so a factory's
 * complaint reads {@code tune.yaml:12:7: step 'sysctl': parameter 'values': ...}. Scalars are kept as the
 * text the author wrote and converted by the typed getters; sequences become lists and mappings become
 * maps of those.
 */
public final class StepParams {
    private final String stepType;
    private final String where;
    private final Map<String, Object> values;
    private final Map<String, String> locations;

    /**
     * @param stepType  the step's registered type
     * @param where     where the step is written, e.g. {@code tune.yaml:10:5}
     * @param values    parameter name to String, List or Map (as {@link #raw} returns them)
     * @param locations parameter name to where its value is written; missing names fall back to {@code where}
     */
    public StepParams(String stepType, String where, Map<String, Object> values, Map<String, String> locations) {
        this.stepType = stepType;
        this.where = where;
        this.values = new LinkedHashMap<>(values);
        this.locations = Map.copyOf(locations);
    }

    /** Parameters built in code (tests, built-in composites): errors say {@code (code)} for the location. */
    public static StepParams of(String stepType, Map<String, Object> values) {
        return new StepParams(stepType, "(code)", values, Map.of());
    }

    public String stepType() {
        return stepType;
    }

    /** Where the step is written, e.g. {@code tune.yaml:10:5}. */
    public String where() {
        return where;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Refuses any parameter not in {@code known}, suggesting the closest known one. */
    public StepParams allowOnly(String... known) {
        List<String> allowed = List.of(known);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                String hint = Suggestion.closest(name, allowed).map(s -> "; did you mean '" + s + "'?")
                        .orElse(allowed.isEmpty() ? "; this step takes no parameters"
                                : "; known parameters: " + String.join(", ", new TreeSet<>(allowed)));
                throw fail(name, "unknown parameter" + hint);
            }
        }
        return this;
    }

    /** The value as written: a String (scalars, including numbers and booleans), a List, a Map, or null. */
    public Object raw(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw fail(name, "is required");
        }
        if (!(v instanceof String s)) {
            throw fail(name, "must be a single value, not " + kind(v));
        }
        return s;
    }

    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    public long integer(String name) {
        String s = string(name);
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(name, "must be a whole number, not '" + s + "'");
        }
    }

    public long integer(String name, long fallback) {
        return has(name) ? integer(name) : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        String s = string(name);
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw fail(name, "must be true or false, not '" + s + "'");
        };
    }

    /** A list of single values; a lone value is read as a list of one. */
    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw fail(name, "is required");
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> list)) {
            throw fail(name, "must be a list of values, not " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw fail(name, "must be a list of single values, but an item is " + kind(item));
            }
            out.add(s);
        }
        return out;
    }

    /** A mapping of names to single values, in the order written (e.g. sysctl keys to values). */
    public Map<String, String> stringMap(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw fail(name, "is required");
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw fail(name, "must be a mapping of names to values, not " + kind(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail(name, "'" + e.getKey() + "' must be a single value, not " + kind(e.getValue()));
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    /**
     * An error about parameter {@code name} (or the step itself when it is not written), located in the
     * playbook. Factories throw what this returns.
     */
    public InvalidConfigException fail(String name, String problem) {
        String at = locations.getOrDefault(name, where);
        return new InvalidConfigException(at + ": step '" + stepType + "': parameter '" + name + "' " + problem);
    }

    /** An error about the step as a whole (e.g. two parameters that exclude each other). */
    public InvalidConfigException failStep(String problem) {
        return new InvalidConfigException(where + ": step '" + stepType + "': " + problem);
    }

    private static String kind(Object v) {
        if (v == null) {
            return "empty";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        return "'" + v + "'";
    }
}
