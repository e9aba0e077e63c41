package dev.aistorctl.workflows.tune;

import java.util.concurrent.atomic.AtomicInteger;

import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.run.RunReport;

/** One line on stderr per finished step and per finished host, each naming its host. */
final class TuneProgress implements RunListener {
    private final Output terminal;
    private final int steps;
    private final int hosts;
    private final AtomicInteger done = new AtomicInteger();

    TuneProgress(Output terminal, int steps, int hosts) {
        this.terminal = terminal;
        this.steps = steps;
        this.hosts = hosts;
    }

    @Override
    public void stepFinished(String host, StepResult r) {
        // By default a host's outcome per phase is its progress; a failed step is named at once, whatever the verbosity.
        if (!terminal.verbose() && r.status() != StepStatus.FAILED) {
            return;
        }
        String detail = r.status() == StepStatus.FAILED ? r.error() : r.reason();
        line(host + ": step " + r.index() + "/" + steps + " " + r.name() + ": " + RunReport.style(r.status(), terminal)
                + (detail == null ? "" : " (" + detail + ")"));
    }

    @Override
    public void hostFinished(HostResult h) {
        line("[" + done.incrementAndGet() + "/" + hosts + "] " + h.host() + ": " + RunReport.style(h.outcome(), terminal)
                + String.format(" (%.1fs)", h.duration().toMillis() / 1000.0));
    }

    private void line(String text) {
        synchronized (terminal) {
            terminal.progress(text);
        }
    }
}
