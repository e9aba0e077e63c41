package dev.aistorctl.workflows;

import java.util.List;
import java.util.Optional;

import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.progress.PhaseLines;

/**
 * Where a workflow speaks to the operator, whatever front end runs it: results on one stream, progress,
 * errors and hints on the other, JSON when a program reads the results, and the typed confirmation
 * of a change to the whole cluster.
 */
public interface Output {

    /** Whether results are read by a program: print JSON results, no tables, ask nothing. */
    boolean json();

    /**
     * Whether the person asked to see every change and every step ({@code -v}); otherwise changes that are
     * identical on several hosts are shown once, and progress names only each host's outcome per phase.
     */
    default boolean verbose() {
        return false;
    }

    /** Text with markup such as {@code @|red FAIL|@}; the markup is dropped when colours are off. */
    String style(String markup);

    /** One result line. */
    void println(String line);

    /** A value as a JSON document on the results stream. */
    void printJson(Object value);

    /** A line of progress, beside the results. */
    void progress(String line);

    /**
     * The progress of one phase on {@code hosts}, in their order: a line per host as it finishes, or on a terminal
     * a board redrawn in place while the hosts work. Lines printed meanwhile go above the board.
     *
     * @param phase what the hosts do (facts, drives, node), named on the board
     * @param parts the runs of a phase of several (node-install, node-start), in order; empty for one
     */
    default HostBoard board(String phase, List<String> hosts, List<String> parts) {
        return new PhaseLines(this, hosts.size(), parts);
    }

    /**
     * A board of the phase only where it is redrawn in place (a terminal), so that a person sees the hosts work;
     * elsewhere none: for a phase whose outcome the lines printed after it tell (the plans).
     */
    default HostBoard liveBoard(String phase, List<String> hosts, List<String> parts) {
        return HostBoard.NONE;
    }

    void error(String message);

    void hint(String message);

    /**
     * The typed confirmation of a change to the whole cluster or of data loss: the operator types the
     * cluster's exact name. Never in JSON mode, whose output a program reads.
     *
     * @return the confirmation, or empty when there is no one to ask
     */
    Optional<Boolean> confirmClusterName(String cluster, String question);
}
