package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.core.RunningCommand;
import java.time.Duration;

/**
 * The connection a run's steps use while it holds the host lock: every command carries
 * {@link HostLock#MARKER}{@code =<run id>}, so that the lock shell can find and stop the run's processes before
 * it lets the lock go. The marker is inherited by every child a command starts.
 */
public final class RunMarkedConnector extends ForwardingConnector {
    private final String runId;

    public RunMarkedConnector(Connector connector, String runId) {
        super(connector);
        this.runId = runId;
    }

    private Command marked(Command command) {
        return command.withEnv(HostLock.MARKER, runId);
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        return delegate.run(marked(command), stdin, timeout);
    }

    @Override
    public ExecResult run(Command command) {
        return delegate.run(marked(command));
    }

    @Override
    public RunningCommand start(Command command) {
        return delegate.start(marked(command));
    }
}
