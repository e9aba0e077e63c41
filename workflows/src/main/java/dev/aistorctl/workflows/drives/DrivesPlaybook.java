package dev.aistorctl.workflows.drives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.drives.DriveMounts;
import dev.aistorctl.playbooks.drives.XfsDrives;

/** The built-in playbook 'drives' with the go-aheads of one run, and the formats a run planned. */
public final class DrivesPlaybook {
    private DrivesPlaybook() {
    }

    /**
     * The playbook allowed to wipe the {@code foreign} drives and, when {@code reviewed} is given, to
     * format exactly those drives per host (the plan that was shown and confirmed), nothing else.
     */
    public static Playbook of(Set<String> foreign, Map<String, List<Change>> reviewed) {
        Playbook book = new PlaybookLoader(StepRegistry.builtIn()).builtIn("drives");
        List<PlaybookStep> steps = new ArrayList<>();
        for (PlaybookStep s : book.steps()) {
            if (s.step() instanceof XfsDrives x) {
                XfsDrives step = x.withWipeForeign(foreign);
                steps.add(new PlaybookStep(s.index(), s.name(), reviewed == null ? step : step.withReviewed(reviewed), s.where()));
            } else if (s.step() instanceof DriveMounts m) {
                steps.add(new PlaybookStep(s.index(), s.name(), m.withWipeForeign(foreign), s.where()));
            } else {
                steps.add(s);
            }
        }
        return new Playbook(book.name(), book.description(), book.source(), steps);
    }

    /** By host, the destructive changes the run planned (an empty list for a host that planned none). */
    public static Map<String, List<Change>> destructive(RunResult result) {
        Map<String, List<Change>> out = new LinkedHashMap<>();
        for (HostResult h : result.hosts()) {
            out.put(h.host(), new ArrayList<>());
            for (StepResult s : h.steps()) {
                if (s.plan() != null && s.plan().destructive()) {
                    out.get(h.host()).addAll(s.plan().changes().stream().filter(Change::destructive).toList());
                }
            }
        }
        return out;
    }
}
