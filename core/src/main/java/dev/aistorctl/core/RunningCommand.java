package dev.aistorctl.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A command that keeps running while the caller talks to it, e.g. a lock holder that lives as long as its
 * stdin stays open. Closing it closes stdin first (the command sees end of input and may clean up), then
 * ends the command if it has not exited within a few seconds.
 *
 * <p>The command's lifetime is bound to the connection it runs on: when the controller dies, the
 * connection drops and the command's stdin reaches end of input, so nothing it holds outlives the run.
 */
public interface RunningCommand extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Whether the command is still running. */
    boolean isAlive();

    /**
     * Waits until the command has ended or {@code limit} has passed; true when it ended. Connectors that hear of the
     * end (the channel's close) return at that moment; this default asks {@link #isAlive()} every few milliseconds.
     */
    default boolean awaitExit(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !isAlive();
    }

    @Override
    void close();
}
