package dev.aistorctl.workflows.run;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.progress.HostBoard;

/**
 * A run's progress: each host's step as it starts (and an upload's bytes) and its outcome on the phase's board, a
 * failed step (with -v every step) as a whole line at once, each naming its host.
 */
final class RunProgress implements RunListener {
    private final Output terminal;
    private final Redactor redactor;
    private final int steps;
    private final HostBoard board;
    private final String part;
    private final boolean closeAtEnd;
    private final int hosts;
    private final boolean planStage;
    /** Hosts that began to apply a step: a host that changes without one would change (a dry run, a plan). */
    private final Set<String> applying = ConcurrentHashMap.newKeySet();
    private int done;

    /**
     * @param part       the run's name on a board of several runs, or null when the board is the run's own
     * @param closeAtEnd whether the board ends with this run's last host (a board of its own)
     */
    RunProgress(Output terminal, Redactor redactor, int steps, HostBoard board, String part, boolean closeAtEnd, int hosts) {
        this(terminal, redactor, steps, board, part, closeAtEnd, hosts, false);
    }

    /**
     * @param planStage the run is a plan whose text is printed next, which says what failed and why: its steps
     *                  are not lines of their own, and a host whose planning failed is "not planned" on the board
     */
    RunProgress(Output terminal, Redactor redactor, int steps, HostBoard board, String part, boolean closeAtEnd, int hosts,
                boolean planStage) {
        this.planStage = planStage;
        this.terminal = terminal;
        this.redactor = redactor;
        this.steps = steps;
        this.board = board;
        this.part = part;
        this.closeAtEnd = closeAtEnd;
        this.hosts = hosts;
    }

    @Override
    public void hostStarted(String host) {
        board.started(host, part);
    }

    @Override
    public void stepStarted(String host, PlaybookStep step, boolean applying) {
        if (applying) {
            this.applying.add(host);
        }
        board.step(host, step.index(), steps, step.name());
    }

    @Override
    public void stepProgress(String host, long done, long total) {
        board.bytes(host, done, total);
    }

    @Override
    public void stepFinished(String host, StepResult r) {
        // By default a host's outcome per phase is its progress; a failed step is named at once, whatever the verbosity.
        if (planStage || !terminal.verbose() && r.status() != StepStatus.FAILED) {
            return;
        }
        if (r.status() == StepStatus.SKIPPED && r.reason() != null && r.reason().startsWith("not started")) {
            return;
        }
        String detail = r.status() == StepStatus.FAILED ? r.error() : r.reason();
        synchronized (terminal) {
            terminal.progress(redactor.redact(host + ": step " + r.index() + "/" + steps + " " + r.name() + ": "
                    + RunReport.style(r.status(), terminal) + (detail == null ? "" : " (" + detail + ")")));
        }
    }

    @Override
    public void hostFinished(HostResult h) {
        board.finished(h.host(), outcome(h), h.duration());
        synchronized (this) {
            if (++done == hosts && closeAtEnd) {
                board.close();
            }
        }
    }

    /** The host's outcome as its board line says it: what a plan or a dry run found is what would change. */
    private String outcome(HostResult h) {
        if (h.outcome() == StepStatus.CHANGED && !applying.contains(h.host())) {
            return terminal.style("@|yellow would change|@");
        }
        if (h.outcome() == StepStatus.FAILED && planStage) {
            return terminal.style("@|faint not planned|@");
        }
        return RunReport.style(h.outcome(), terminal);
    }

    /** A board of the run's own, for {@code hostNames}. */
    static RunProgress own(Output terminal, Redactor redactor, int steps, String phase, List<String> hostNames) {
        return new RunProgress(terminal, redactor, steps, terminal.board(phase, hostNames, List.of()), null, true, hostNames.size());
    }
}
