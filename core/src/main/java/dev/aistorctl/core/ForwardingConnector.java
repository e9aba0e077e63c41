package dev.aistorctl.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A connector that hands every call to another one: the base of a connector that changes one thing about
 * a connection (the environment of its commands, whether close closes it) and passes the rest through.
 */
public abstract class ForwardingConnector implements Connector {
    protected final Connector delegate;

    protected ForwardingConnector(Connector delegate) {
        this.delegate = delegate;
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        return delegate.run(command, stdin, timeout);
    }

    @Override
    public ExecResult run(Command command) {
        return delegate.run(command);
    }

    @Override
    public RunningCommand start(Command command) {
        return delegate.start(command);
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        delegate.put(content, remotePath, mode);
    }

    @Override
    public void putFile(Path local, String remotePath, int mode) {
        delegate.putFile(local, remotePath, mode);
    }

    @Override
    public void putFile(Path local, String remotePath, int mode, LongConsumer sent) {
        delegate.putFile(local, remotePath, mode, sent);
    }

    @Override
    public byte[] get(String remotePath) {
        return delegate.get(remotePath);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
