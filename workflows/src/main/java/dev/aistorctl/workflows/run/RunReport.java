package dev.aistorctl.workflows.run;

import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.text.Table;

/** The end of a run as text: the changes (planned or made), the host summary table, the run id. */
public final class RunReport {
    private RunReport() {
    }

    static String text(RunResult run, Redactor redactor, Output terminal) {
        List<String> lines = new ArrayList<>();
        List<PlanText.Line> planned = PlanText.of(run, s -> "step " + s.index() + " " + s.name());
        List<String> changes = terminal.verbose() ? changes(run)
                : PlanText.render(planned.stream().filter(l -> l.change() != null).toList(), "  ");
        if (!changes.isEmpty()) {
            lines.add(changesHeading(run));
            lines.addAll(changes);
            lines.add("");
        }
        // What the plans warned of (no license, a drive left over), whether or not their steps change anything.
        List<String> warnings = PlanText.render(planned.stream().filter(l -> l.change() == null).toList(), "  ");
        if (!warnings.isEmpty()) {
            lines.add("Warnings:");
            lines.addAll(warnings);
            lines.add("");
        }
        lines.add(hostTable(run, terminal));
        lines.add("");
        List<String> errors = errors(run);
        if (!errors.isEmpty()) {
            lines.addAll(errors);
            lines.add("");
        }
        if (run.stoppedBecause() != null) {
            lines.add("stopped: " + run.stoppedBecause());
        }
        if (run.interrupted() != null) {
            lines.addAll(interrupted(run.interrupted()));
        }
        lines.add(kind(run) + run.runId() + ": " + run.hosts().size() + " hosts, "
                + run.hostsWith(StepStatus.OK) + " ok, " + run.hostsWith(StepStatus.CHANGED) + (run.dryRun() ? " would change, " : " changed, ")
                + run.hostsWith(StepStatus.FAILED) + " failed, " + run.hostsWith(StepStatus.SKIPPED) + " skipped"
                + String.format(" in %.1fs", run.duration().toMillis() / 1000.0) + (planningFailed(run) ? "; nothing was changed" : ""));
        return redactor.redact(String.join("\n", lines));
    }

    /**
     * What the run's summary line calls it: a plan that failed somewhere is a failed plan, not a dry run (which is
     * what a person asked for), whether it was asked for as one or is the plan stage of a run that stopped there.
     */
    public static String kind(RunResult run) {
        return planningFailed(run) ? "plan " : run.dryRun() ? "dry run " : "run ";
    }

    private static boolean planningFailed(RunResult run) {
        return run.dryRun() && run.hostsWith(StepStatus.FAILED) > 0;
    }

    /** The heading of a run's changes: what was planned, what was made, or what failed before it was made. */
    public static String changesHeading(RunResult run) {
        if (planningFailed(run)) {
            return "Planned changes (planning failed on " + run.hostsWith(StepStatus.FAILED) + " of " + run.hosts().size()
                    + " hosts: nothing was changed):";
        }
        if (run.dryRun()) {
            return "Planned changes (dry run: nothing was changed):";
        }
        boolean made = run.hosts().stream().flatMap(h -> h.steps().stream()).anyMatch(s -> s.status() == StepStatus.CHANGED);
        return made ? "Changes made:" : "Changes planned but not made (their steps failed):";
    }

    /**
     * The whole text of each error that the host table shows only the first line of, host by host: a remote
     * command's output, a stack of causes. Empty when every error fits on its line.
     */
    public static List<String> errors(RunResult run) {
        List<String> out = new ArrayList<>();
        for (HostResult h : run.hosts()) {
            if (h.error() != null && h.error().strip().contains("\n")) {
                out.add("  " + h.host() + ":");
                h.error().strip().lines().forEach(l -> out.add("      " + l));
            }
        }
        if (!out.isEmpty()) {
            out.add(0, "Errors in full:");
        }
        return out;
    }

    /** An error as a table cell: its first line, and a pointer to the rest when there is more. */
    static String errorCell(String error) {
        if (error == null) {
            return "";
        }
        String text = error.strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).stripTrailing() + " (in full below)";
    }

    /** Where Ctrl-C cut the run, host by host, and what to do next. */
    static List<String> interrupted(RunResult.Interrupted i) {
        List<String> out = new ArrayList<>();
        String how = "interrupted (" + i.signal() + (i.forced() ? ", forced: running steps were stopped" : ": running steps were let finish") + ")";
        if (i.cut().isEmpty()) {
            out.add(how + "; no host had a step left to start");
            return out;
        }
        out.add(how + "; no step started after it:");
        for (RunResult.Cut c : i.cut()) {
            out.add("  " + c.describe());
        }
        out.add("run the same command again to finish: what was done is kept, what was cut is done again");
        return out;
    }

    /** A row per host: its outcome and how many steps were ok, changed (or would change), failed and skipped. */
    public static String hostTable(RunResult run, Output output) {
        Table table = new Table("HOST", "STATUS", "OK", run.dryRun() ? "WOULD CHANGE" : "CHANGED", "FAILED", "SKIPPED", "ERROR");
        for (HostResult h : run.hosts()) {
            table.row(h.host(), style(h.outcome(), output), h.count(StepStatus.OK), h.count(StepStatus.CHANGED),
                    h.count(StepStatus.FAILED), h.count(StepStatus.SKIPPED), errorCell(h.error()));
        }
        return table.render().stripTrailing();
    }

    static List<String> changes(RunResult run) {
        List<String> out = new ArrayList<>();
        for (HostResult h : run.hosts()) {
            for (StepResult s : h.steps()) {
                if (s.plan() == null || s.plan().isEmpty() || s.status() == StepStatus.OK) {
                    continue;
                }
                out.add("  " + h.host() + ": step " + s.index() + " " + s.name() + (s.status() == StepStatus.FAILED ? " (failed)" : ""));
                for (Change c : s.plan().changes()) {
                    out.add("      " + (c.destructive() ? "DESTRUCTIVE " : "") + c.what() + ": " + c.before() + " -> " + c.after());
                    out.addAll(PlanText.diff(c, "          "));
                }
            }
        }
        return out;
    }

    /** A step's or host's status, coloured. */
    public static String style(StepStatus s, Output terminal) {
        return switch (s) {
            case OK -> terminal.style("@|green ok|@");
            case CHANGED -> terminal.style("@|yellow changed|@");
            case FAILED -> terminal.style("@|red failed|@");
            case SKIPPED -> terminal.style("@|faint skipped|@");
        };
    }
}
