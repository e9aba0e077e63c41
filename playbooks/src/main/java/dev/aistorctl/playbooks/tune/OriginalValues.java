package dev.aistorctl.playbooks.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.RemoteException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The record, kept on each host in {@link #PATH}, of every value tune found there before it first changed
 * it, so {@code tune --revert} can put back exactly what the host had. A value is recorded once: re-runs
 * (even with another profile) never overwrite a true original with a value tune itself set. A file or link
 * that did not exist is recorded as null (revert removes it).
 */
final class OriginalValues {
    static final String PATH = "/var/lib/aistorctl/tune-original.json";
    static final int VERSION = 1;

    private final Map<String, Optional<String>> values;

    private OriginalValues(Map<String, Optional<String>> values) {
        this.values = values;
    }

    static OriginalValues empty() {
        return new OriginalValues(new TreeMap<>());
    }

    /** The record's text, or empty when the host has none yet. */
    static OriginalValues parse(String host, Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return empty();
        }
        try {
            JsonNode root = Json.mapper().readTree(text.get());
            if (root.path("version").asInt() != VERSION || !root.path("values").isObject()) {
                throw new RemoteException(host, "read " + PATH, "not a version " + VERSION + " record of original values;"
                        + " move it aside only if you know the host's original settings");
            }
            Map<String, Optional<String>> values = new TreeMap<>();
            root.get("values").fields().forEachRemaining(e ->
                    values.put(e.getKey(), e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText())));
            return new OriginalValues(values);
        } catch (JsonProcessingException e) {
            throw new RemoteException(host, "read " + PATH, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    boolean has(String id) {
        return values.containsKey(id);
    }

    /** The recorded original (empty: it was absent); only call when {@link #has}. */
    Optional<String> get(String id) {
        return values.get(id);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** This record plus {@code id = value} unless {@code id} is already recorded. */
    OriginalValues recordIfNew(String id, String value) {
        if (values.containsKey(id)) {
            return this;
        }
        Map<String, Optional<String>> next = new TreeMap<>(values);
        next.put(id, Optional.ofNullable(value));
        return new OriginalValues(next);
    }

    OriginalValues without(Collection<String> ids) {
        Map<String, Optional<String>> next = new TreeMap<>(values);
        ids.forEach(next::remove);
        return new OriginalValues(next);
    }

    String render() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", VERSION);
        root.put("about", "Values aistorctl tune found on this host before it first changed them;"
                + " aistorctl tune --revert puts them back. null: the file or link did not exist.");
        ObjectNode v = root.putObject("values");
        values.forEach((k, val) -> {
            if (val.isPresent()) {
                v.put(k, val.get());
            } else {
                v.putNull(k);
            }
        });
        try {
            return Json.pretty().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginalValues other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
