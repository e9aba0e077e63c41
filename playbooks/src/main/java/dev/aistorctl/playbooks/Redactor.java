package dev.aistorctl.playbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aistorctl.core.ShellQuote;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the run's secret values from any text before it is printed or journaled. It is fed with the
 * resolved values (not references) as soon as they are resolved, and matches each value both as written
 * and as {@link ShellQuote} renders it in a command line, so neither form leaks.
 */
public final class Redactor {
    public static final String MASK = "<redacted>";

    /** {@code PASSWORD=…}, {@code secret: …} and alike: a credential's shape, whatever its value. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b([A-Z0-9_.-]*(?:password|passwd|secret|secret_key|access_key|token|credential)[A-Z0-9_.-]*)(\\s*[=:]\\s*)(?!<redacted>)([^\\s,;\"'}]+)");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /**
     * Masks the value of every assignment shaped like a credential. For text that may hold secrets the run does not
     * know as such (a host's file shown in a plan, a document handed to a customer); known secrets go through
     * {@link #redact} as well.
     */
    public static String maskAssignments(String text) {
        return text == null ? null : ASSIGNMENT.matcher(text).replaceAll(m -> m.group(1) + m.group(2) + Matcher.quoteReplacement(MASK));
    }

    /** Registers a secret value; later calls to {@link #redact} hide it. Empty values are ignored. */
    public void add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        secrets.add(secret);
        String quoted = ShellQuote.quote(secret);
        if (!quoted.equals(secret)) {
            secrets.add(quoted);
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        // Longest first, so a secret that contains another one is hidden whole.
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String out = text;
        for (String s : ordered) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    public List<String> redact(List<String> texts) {
        return texts.stream().map(this::redact).toList();
    }

    /** Redacts every text value (and field name) of a JSON tree in place; returns it. */
    public JsonNode redact(JsonNode node) {
        if (secrets.isEmpty() || node == null) {
            return node;
        }
        if (node instanceof ObjectNode obj) {
            List<String> names = new java.util.ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = obj.get(name);
                JsonNode clean = child.isTextual() ? TextNode.valueOf(redact(child.asText())) : redact(child);
                String cleanName = redact(name);
                if (!cleanName.equals(name)) {
                    obj.remove(name);
                }
                obj.set(cleanName, clean);
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode child = arr.get(i);
                arr.set(i, child.isTextual() ? TextNode.valueOf(redact(child.asText())) : redact(child));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(redact(node.asText()));
        }
        return node;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }
}
