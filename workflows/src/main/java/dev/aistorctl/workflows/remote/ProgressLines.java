package dev.aistorctl.workflows.remote;

import java.util.concurrent.atomic.AtomicInteger;

import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.workflows.Output;

/** Per-host progress on stderr while a fan-out runs: one whole line per event, each naming its host. */
public final class ProgressLines implements FanoutListener {
    private final Output terminal;
    private final String action;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    public ProgressLines(Output terminal, String action, int total) {
        this.terminal = terminal;
        this.action = action;
        this.total = total;
    }

    @Override
    public void finished(HostOutcome<?> outcome) {
        int finished = done.incrementAndGet();
        String seconds = String.format("%.1fs", outcome.duration().toMillis() / 1000.0);
        String state = outcome.ok() ? terminal.style("@|green ok|@") : terminal.style("@|red failed|@: ") + outcome.error();
        synchronized (terminal) {
            terminal.progress("[" + finished + "/" + total + "] " + outcome.host() + ": " + action + " " + state + " (" + seconds + ")");
        }
    }
}
