package dev.aistorctl.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A local process started by {@link LocalConnector#start}. */
final class ProcessRunningCommand implements RunningCommand {
    /** How long a command may take to finish on its own after its stdin closes, before it is killed. */
    private static final long GRACE_SECONDS = 5;

    private final Process process;

    ProcessRunningCommand(Process process) {
        this.process = process;
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed, or the process is gone: either way it sees end of input.
        }
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                LocalConnector.killTree(process.toHandle());
            }
        } catch (InterruptedException e) {
            LocalConnector.killTree(process.toHandle());
            Thread.currentThread().interrupt();
        }
    }
}
