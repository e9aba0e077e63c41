package dev.aistorctl.workflows.remote;

import java.util.List;

import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.progress.HostBoard;

/** Per-host progress of a fan-out on the output's board for it: a line per host, or a live board on a terminal. */
public final class ProgressLines implements FanoutListener {
    private final Output terminal;
    private final String action;
    private final HostBoard board;
    private final int total;
    private int done;

    public ProgressLines(Output terminal, String action, List<String> hosts) {
        this.terminal = terminal;
        this.action = action;
        this.board = terminal.board(action, hosts, List.of());
        this.total = hosts.size();
    }

    @Override
    public void started(String host) {
        board.started(host, null);
    }

    @Override
    public void finished(HostOutcome<?> outcome) {
        String state = outcome.ok() ? terminal.style("@|green ok|@") : terminal.style("@|red failed|@: ") + outcome.error();
        board.finished(outcome.host(), action + " " + state, outcome.duration());
        synchronized (this) {
            if (++done == total) {
                board.close();
            }
        }
    }
}
