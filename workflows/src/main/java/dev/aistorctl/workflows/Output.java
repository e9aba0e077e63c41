package dev.aistorctl.workflows;

import java.util.Optional;

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
