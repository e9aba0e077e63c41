package dev.aistorctl.workflows.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.run.PlanText;
import dev.aistorctl.workflows.text.HostRange;
import dev.aistorctl.workflows.run.RunReport;

/** The end of a tune run as text: the changes (planned or made), what each host cannot take, the summary table. */
final class TuneReport {
    /** How tuning steps start the journal notes about settings a host cannot take. */
    static final String NOT_APPLICABLE = "not applicable on this host: ";

    private TuneReport() {
    }

    static String text(RunResult run, Map<String, List<String>> notApplicable, Output terminal) {
        List<String> lines = new ArrayList<>();
        List<String> changes = terminal.verbose() ? everyChange(run) : PlanText.render(PlanText.of(run, StepResult::name), "  ");
        if (!changes.isEmpty()) {
            lines.add(RunReport.changesHeading(run));
            lines.addAll(changes);
            lines.add("");
        }
        if (!notApplicable.isEmpty()) {
            lines.add("Not applicable (left alone, not a failure):");
            // Hosts alike (a rack of one model) cannot take the same settings: one line for all of them.
            Map<String, List<String>> hostsOf = new LinkedHashMap<>();
            notApplicable.forEach((host, items) -> hostsOf.computeIfAbsent(String.join(", ", items), k -> new ArrayList<>()).add(host));
            hostsOf.forEach((items, hosts) -> lines.add("  " + HostRange.of(hosts) + ": " + items));
            lines.add("");
        }
        lines.add(RunReport.hostTable(run, terminal));
        lines.add("");
        List<String> errors = RunReport.errors(run);
        if (!errors.isEmpty()) {
            lines.addAll(errors);
            lines.add("");
        }
        lines.add(RunReport.kind(run) + run.runId() + ": " + run.hosts().size() + " hosts, "
                + run.hostsWith(StepStatus.OK) + " ok, " + run.hostsWith(StepStatus.CHANGED) + (run.dryRun() ? " would change, " : " changed, ")
                + run.hostsWith(StepStatus.FAILED) + " failed" + String.format(" in %.1fs", run.duration().toMillis() / 1000.0));
        return String.join("\n", lines);
    }

    /** Every change of every host, host by host, with each file's diff ({@code -v}). */
    private static List<String> everyChange(RunResult run) {
        List<String> changes = new ArrayList<>();
        for (HostResult h : run.hosts()) {
            for (StepResult s : h.steps()) {
                if (s.plan() == null || s.plan().isEmpty() || s.status() == StepStatus.OK) {
                    continue;
                }
                changes.add("  " + h.host() + ": " + s.name() + (s.status() == StepStatus.FAILED ? " (failed)" : ""));
                for (Change c : s.plan().changes()) {
                    changes.add("      " + c.what() + ": " + c.before() + " -> " + c.after());
                    changes.addAll(PlanText.diff(c, "          "));
                }
            }
        }
        return changes;
    }
}
