package dev.aistorctl.playbooks.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import java.time.Duration;

/**
 * The JSON shape of run results, shared by {@code run -o json}, the journal's run end and {@code runs show -o json}:
 * {@code {"run_id", "playbook", "dry_run", "started", "duration_ms", "hosts":[{"host", "status", "ok", "changed",
 * "failed", "skipped", "steps":[...], "error"}], "summary":{...}}}. Not redacted: callers redact.
 */
public final class RunJson {
    /** The shared mapper ({@link Json#mapper()}), under the name callers already use. */
    public static final ObjectMapper MAPPER = Json.mapper();

    private RunJson() {
    }

    public static ObjectNode result(RunResult run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run_id", run.runId());
        root.put("playbook", run.playbook());
        root.put("dry_run", run.dryRun());
        root.put("started", run.started().toString());
        root.put("duration_ms", run.duration().toMillis());
        ArrayNode hosts = root.putArray("hosts");
        for (HostResult h : run.hosts()) {
            hosts.add(host(h));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("hosts", run.hosts().size());
        for (StepStatus s : StepStatus.values()) {
            summary.put("hosts_" + s.label(), run.hostsWith(s));
        }
        for (StepStatus s : StepStatus.values()) {
            summary.put("steps_" + s.label(), run.count(s));
        }
        if (run.stoppedBecause() != null) {
            summary.put("stopped", run.stoppedBecause());
        }
        if (run.interrupted() != null) {
            ObjectNode i = root.putObject("interrupted");
            i.put("signal", run.interrupted().signal());
            i.put("forced", run.interrupted().forced());
            ArrayNode cut = i.putArray("cut");
            for (RunResult.Cut c : run.interrupted().cut()) {
                ObjectNode n = cut.addObject().put("host", c.host());
                if (c.step() != null) {
                    n.put("step", c.step()).put("name", c.name());
                }
                n.put("how", c.how());
            }
        }
        return root;
    }

    public static ObjectNode host(HostResult h) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("host", h.host());
        node.put("status", h.outcome().label());
        for (StepStatus s : StepStatus.values()) {
            node.put(s.label(), h.count(s));
        }
        node.put("duration_ms", h.duration().toMillis());
        ArrayNode steps = node.putArray("steps");
        for (StepResult s : h.steps()) {
            steps.add(step(s));
        }
        if (h.error() != null) {
            node.put("error", h.error());
        } else {
            node.putNull("error");
        }
        return node;
    }

    public static ObjectNode step(StepResult s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", s.index());
        node.put("name", s.name());
        node.put("type", s.type());
        node.put("status", s.status().label());
        if (s.reason() != null) {
            node.put("reason", s.reason());
        }
        if (s.plan() != null && !s.plan().isEmpty()) {
            node.set("changes", changes(s.plan()));
        }
        if (s.plan() != null && !s.plan().warnings().isEmpty()) {
            ArrayNode warnings = node.putArray("warnings");
            s.plan().warnings().forEach(warnings::add);
        }
        if (s.error() != null) {
            node.put("error", s.error());
        }
        node.put("duration_ms", s.duration().toMillis());
        return node;
    }

    public static ArrayNode changes(StepPlan plan) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Change c : plan.changes()) {
            ObjectNode n = arr.addObject();
            n.put("what", c.what());
            n.put("before", c.before());
            n.put("after", c.after());
            n.put("destructive", c.destructive());
            ObjectNode key = n.putObject("key");
            key.put("kind", c.key().kind());
            key.put("subject", c.key().subject());
            ObjectNode attributes = key.putObject("attributes");
            c.key().attributes().forEach(attributes::put);
            if (c.diff() != null) {
                n.put("diff", c.diff());
            }
        }
        return arr;
    }

    static long millis(Duration d) {
        return d.toMillis();
    }
}
