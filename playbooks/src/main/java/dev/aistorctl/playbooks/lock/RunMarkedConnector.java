package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.core.RunningCommand;
import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The connection a run's steps use while it holds the host lock: every command carries
 * {@link HostLock#MARKER}{@code =<run id>}, so that the lock shell can find and stop the run's processes before
 * it lets the lock go. The marker is inherited by every child a command starts.
 */
public final class RunMarkedConnector extends ForwardingConnector {
    private final String runId;
    private final BooleanSupplier released;

    public RunMarkedConnector(Connector connector, String runId) {
        this(connector, runId, () -> false);
    }

    public RunMarkedConnector(Connector connector, String runId, BooleanSupplier released) {
        super(connector);
        this.runId = runId;
        this.released = released;
    }

    private Command marked(Command command) {
        held();
        return command.withEnv(HostLock.MARKER, runId);
    }

    private void held() {
        if (released.getAsBoolean()) {
            throw new AistorException(ExitCode.HOST_FAILED, "the host lock was let go (the run was interrupted): nothing more runs on the host");
        }
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        held();
        delegate.put(content, remotePath, mode);
    }

    @Override
    public void putFile(Path local, String remotePath, int mode) {
        held();
        delegate.putFile(local, remotePath, mode);
    }

    @Override
    public void putFile(Path local, String remotePath, int mode, LongConsumer sent) {
        held();
        delegate.putFile(local, remotePath, mode, sent);
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
