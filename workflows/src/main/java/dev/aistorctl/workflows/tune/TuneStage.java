package dev.aistorctl.workflows.tune;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.tune.TuneDefaults;
import dev.aistorctl.playbooks.tune.TuneSteps;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import dev.aistorctl.workflows.Output;

/** The tune playbook and how its runs are shown, for every command that tunes hosts. */
public final class TuneStage {
    private TuneStage() {
    }

    /**
     * The tuning profile a run applies: {@code override} (tune's {@code --profile}) when given, else the
     * inventory's {@code cluster.tuning_profile} (a built-in name, or a path already resolved against the
     * inventory file's directory), else {@link TuningProfiles#DEFAULT}. The result is what
     * {@link TuningProfiles#resolve} takes.
     */
    public static String profile(Inventory inventory, String override) {
        if (override != null) {
            return override;
        }
        return inventory.cluster().tuningProfile()
                .map(ref -> ref.builtIn().orElseGet(() -> ref.file().orElseThrow().toString()))
                .orElse(TuningProfiles.DEFAULT);
    }

    public static Playbook playbook(String profile, boolean revert, boolean applyMtu) {
        return new PlaybookLoader(TuneSteps.registry(new TuneDefaults(profile, revert, applyMtu))).builtIn("tune");
    }

    /** The run as {@code tune -o json} prints it: the run, the profile and each host's settings it cannot take. */
    public static ObjectNode json(RunResult result, RunStore store, String profile, boolean revert) {
        Map<String, List<String>> notApplicable = notApplicable(store, result.runId());
        ObjectNode json = RunJson.result(result);
        json.put("profile", profile);
        json.put("revert", revert);
        for (JsonNode h : json.get("hosts")) {
            ArrayNode na = ((ObjectNode) h).putArray("not_applicable");
            notApplicable.getOrDefault(h.get("host").asText(), List.of()).forEach(na::add);
        }
        return json;
    }

    public static String text(RunResult result, RunStore store, Output terminal) {
        return TuneReport.text(result, notApplicable(store, result.runId()), terminal);
    }

    /** Per host, the settings it cannot take, as the steps noted them in the journal (once each). */
    static Map<String, List<String>> notApplicable(RunStore store, String runId) {
        Map<String, LinkedHashSet<String>> out = new TreeMap<>();
        for (JsonNode e : store.events(runId)) {
            String message = e.path("message").asText("");
            if ("note".equals(e.path("event").asText()) && message.startsWith(TuneReport.NOT_APPLICABLE)) {
                out.computeIfAbsent(e.path("host").asText(), k -> new LinkedHashSet<>())
                        .add(message.substring(TuneReport.NOT_APPLICABLE.length()));
            }
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
        return lists;
    }
}
