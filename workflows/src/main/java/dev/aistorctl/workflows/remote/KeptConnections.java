package dev.aistorctl.workflows.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.playbooks.lock.RunMarkedConnector;

/**
 * One SSH connection per host kept for a command made of several runs (provision: facts, four plans,
 * drives, tune): each run gets the host's open connection instead of logging in again, and a
 * connection that dropped is made anew. What the runs receive cannot close it; {@link #close()} does,
 * once the command is over.
 */
public final class KeptConnections implements AutoCloseable {
    private final Connections connections;
    private final Map<String, Connector> open = new HashMap<>();

    public KeptConnections(Connections connections) {
        this.connections = connections;
    }

    public Connector open(String host) {
        Connector c;
        synchronized (open) {
            c = open.get(host);
        }
        if (c == null || (c instanceof SshConnector ssh && !ssh.isConnected())) {
            if (c != null) {
                c.close();
            }
            // Outside the lock: logins to different hosts go on in parallel.
            Connector fresh = connections.open(host);
            synchronized (open) {
                Connector raced = open.get(host);
                if (raced != null && raced != c) {
                    fresh.close();
                    fresh = raced;
                }
                open.put(host, fresh);
            }
            c = fresh;
        }
        return new Kept(c);
    }

    /**
     * The host's kept connection for work outside a run (a survey, a fact gathering, a measurement) of a command
     * that holds {@code locks}: the host's lock is held first (taken, or taken again after a dropped connection),
     * and every command carries the lock's run id, so that letting go of the lock stops it too.
     *
     * @throws dev.aistorctl.playbooks.lock.HostLockedException when another run holds the host
     */
    public Connector open(String host, HeldLocks locks) {
        Connector c = open(host);
        locks.hold(c);
        return new RunMarkedConnector(c, locks.runId(), Interruption.process()::forced);
    }

    /**
     * Closes every connection at once: closing one can wait for its host (an open SFTP channel is closed with a
     * round trip), and one host after the other made the end of a command grow with the number of hosts.
     */
    @Override
    public void close() {
        List<Connector> closing;
        synchronized (open) {
            closing = new ArrayList<>(open.values());
            open.clear();
        }
        Fanout.run(closing, Connector::host, c -> {
            c.close();
            return null;
        });
    }

    /** The kept connection as a run sees it: everything but close. */
    private static final class Kept extends ForwardingConnector {
        Kept(Connector connector) {
            super(connector);
        }

        @Override
        public void close() {
        }
    }
}
