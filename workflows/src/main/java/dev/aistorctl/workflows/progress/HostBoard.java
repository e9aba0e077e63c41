package dev.aistorctl.workflows.progress;

import java.time.Duration;

/**
 * The progress of one phase on several hosts (their facts, a playbook run, the node's install and start): where
 * each host is while it works, then its outcome. On a terminal a live board, one line per host redrawn in place;
 * elsewhere a whole line per host once it has finished the phase. Called from the hosts' worker threads.
 */
public interface HostBoard extends AutoCloseable {
    /** No board: where the phase's outcome is told by other lines. */
    HostBoard NONE = new HostBoard() {
        @Override
        public void started(String host, String part) {
        }

        @Override
        public void step(String host, int index, int steps, String name) {
        }

        @Override
        public void bytes(String host, long done, long total) {
        }

        @Override
        public void finished(String host, String outcome, Duration took) {
        }

        @Override
        public void close() {
        }
    };

    /** The host begins {@code part} of the phase: one of the playbooks a phase of several runs, or null. */
    void started(String host, String part);

    /** The host begins step {@code index} of {@code steps}, {@code name}. */
    void step(String host, int index, int steps, String name);

    /** The host's running step has done {@code done} of {@code total} bytes (an upload). */
    void bytes(String host, long done, long total);

    /**
     * The host has finished its part of the phase.
     *
     * @param outcome as a person reads it: {@code changed}, {@code facts ok}, {@code failed: …}
     */
    void finished(String host, String outcome, Duration took);

    /** The phase is over: every host's last state is shown once; nothing more is drawn. */
    @Override
    void close();
}
