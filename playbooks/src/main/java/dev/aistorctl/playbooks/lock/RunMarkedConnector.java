package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RunningCommand;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The connection a run's steps use while it holds the host lock: every command carries
 * {@link HostLock#MARKER}{@code =<run id>}, so that the lock shell can find and stop the run's processes before
 * it lets the lock go. The marker is inherited by every child a command starts.
 */
public final class RunMarkedConnector implements Connector {
    private final Connector connector;
    private final String runId;

    public RunMarkedConnector(Connector connector, String runId) {
        this.connector = connector;
        this.runId = runId;
    }

    private Command marked(Command command) {
        return command.withEnv(HostLock.MARKER, runId);
    }

    @Override
    public String host() {
        return connector.host();
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        return connector.run(marked(command), stdin, timeout);
    }

    @Override
    public ExecResult run(Command command) {
        return connector.run(marked(command));
    }

    @Override
    public RunningCommand start(Command command) {
        return connector.start(marked(command));
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        connector.put(content, remotePath, mode);
    }

    @Override
    public void putFile(Path local, String remotePath, int mode) {
        connector.putFile(local, remotePath, mode);
    }

    @Override
    public byte[] get(String remotePath) {
        return connector.get(remotePath);
    }

    @Override
    public void close() {
        connector.close();
    }
}
