package dev.aistorctl.workflows.run;

import java.util.concurrent.atomic.AtomicInteger;

import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.workflows.Output;

/** One whole line on stderr per finished step and per finished host, each naming its host. */
final class RunProgress implements RunListener {
    private final Output terminal;
    private final Redactor redactor;
    private final int steps;
    private final int hosts;
    private final AtomicInteger done = new AtomicInteger();

    RunProgress(Output terminal, Redactor redactor, int steps, int hosts) {
        this.terminal = terminal;
        this.redactor = redactor;
        this.steps = steps;
        this.hosts = hosts;
    }

    @Override
    public void stepFinished(String host, StepResult r) {
        // By default a host's outcome per phase is its progress; a failed step is named at once, whatever the verbosity.
        if (!terminal.verbose() && r.status() != StepStatus.FAILED) {
            return;
        }
        if (r.status() == StepStatus.SKIPPED && r.reason() != null && r.reason().startsWith("not started")) {
            return;
        }
        String detail = r.status() == StepStatus.FAILED ? r.error() : r.reason();
        line(host + ": step " + r.index() + "/" + steps + " " + r.name() + ": " + status(r.status())
                + (detail == null ? "" : " (" + detail + ")"));
    }

    @Override
    public void hostFinished(HostResult h) {
        int n = done.incrementAndGet();
        line("[" + n + "/" + hosts + "] " + h.host() + ": " + status(h.outcome())
                + String.format(" (%.1fs)", h.duration().toMillis() / 1000.0));
    }

    private String status(StepStatus s) {
        return RunReport.style(s, terminal);
    }

    private void line(String text) {
        synchronized (terminal) {
            terminal.progress(redactor.redact(text));
        }
    }
}
