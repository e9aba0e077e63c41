package dev.aistorctl.playbooks.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.HostPlan;
import dev.aistorctl.playbooks.PlannedStep;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of a {@link RunPlan}, written to be reviewed and read back to be applied:
 * {@code {"run_id", "playbook", "hosts":[{"host", "error", "steps":[{"index", "name", "type", "status",
 * "reason", "error", "plan":{"step", "host", "nothing_to_do_because", "changes":[{"what", "before",
 * "after", "destructive", "key":{"kind", "subject", "attributes":{...}}}]}}]}]}}. Not redacted: callers redact
 * what they print; a plan holds no secret values (steps put none in their changes).
 */
public final class PlanJson {
    private PlanJson() {
    }

    public static ObjectNode write(RunPlan plan) {
        ObjectNode root = RunJson.MAPPER.createObjectNode();
        root.put("run_id", plan.runId());
        root.put("playbook", plan.playbook());
        ArrayNode hosts = root.putArray("hosts");
        for (HostPlan h : plan.hosts()) {
            ObjectNode host = hosts.addObject();
            host.put("host", h.host());
            putNullable(host, "error", h.error());
            ArrayNode steps = host.putArray("steps");
            for (PlannedStep s : h.steps()) {
                ObjectNode step = steps.addObject();
                step.put("index", s.index());
                step.put("name", s.name());
                step.put("type", s.type());
                step.put("status", s.status().label());
                putNullable(step, "reason", s.reason());
                putNullable(step, "error", s.error());
                if (s.plan() == null) {
                    step.putNull("plan");
                } else {
                    ObjectNode p = step.putObject("plan");
                    p.put("step", s.plan().step());
                    p.put("host", s.plan().host());
                    putNullable(p, "nothing_to_do_because", s.plan().nothingToDoBecause());
                    p.set("changes", RunJson.changes(s.plan()));
                    if (!s.plan().warnings().isEmpty()) {
                        ArrayNode warnings = p.putArray("warnings");
                        s.plan().warnings().forEach(warnings::add);
                    }
                }
            }
        }
        return root;
    }

    /** A plan written by {@link #write}; a file that is not one is a usage error naming what is wrong. */
    public static RunPlan read(JsonNode root) {
        if (root == null || !root.isObject() || !root.hasNonNull("run_id") || !root.path("hosts").isArray()) {
            throw new UsageException("not a plan: a plan has run_id, playbook and hosts (aistorctl's plan JSON)");
        }
        List<HostPlan> hosts = new ArrayList<>();
        for (JsonNode h : root.path("hosts")) {
            List<PlannedStep> steps = new ArrayList<>();
            for (JsonNode s : h.path("steps")) {
                JsonNode p = s.path("plan");
                StepPlan plan = p.isObject() ? new StepPlan(p.path("step").asText(), p.path("host").asText(),
                        changes(p.path("changes")), text(p, "nothing_to_do_because"), strings(p.path("warnings"))) : null;
                steps.add(new PlannedStep(s.path("index").asInt(), s.path("name").asText(), s.path("type").asText(),
                        status(s.path("status").asText()), plan, text(s, "reason"), text(s, "error")));
            }
            hosts.add(new HostPlan(h.path("host").asText(), steps, text(h, "error")));
        }
        return new RunPlan(root.path("run_id").asText(), root.path("playbook").asText(), hosts);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Change> changes(JsonNode array) {
        List<Change> out = new ArrayList<>();
        for (JsonNode c : array) {
            JsonNode k = c.path("key");
            ChangeKey key = null;
            if (k.isObject()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                k.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
                key = new ChangeKey(k.path("kind").asText(), k.path("subject").asText(), attributes);
            }
            out.add(new Change(c.path("what").asText(), c.path("before").asText(), c.path("after").asText(),
                    c.path("destructive").asBoolean(false), key, c.path("diff").asText(null)));
        }
        return out;
    }

    private static StepStatus status(String label) {
        try {
            return StepStatus.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a plan: unknown step status '" + label + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
