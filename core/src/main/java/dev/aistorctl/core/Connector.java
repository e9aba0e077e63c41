package dev.aistorctl.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A way to run commands and move files on one host: over SSH for remote hosts, a local process
 * for the controller itself, or a replay of captured output in tests. One connector per host,
 * reused for every command of a run.
 */
public interface Connector extends AutoCloseable {

    /** The host name as the inventory names it; every message about this host starts with it. */
    String host();

    /** Runs {@code command}; a non-zero exit is a result, not an exception. Times out with a RemoteException. */
    ExecResult run(Command command, byte[] stdin, Duration timeout);

    default ExecResult run(Command command, Duration timeout) {
        return run(command, new byte[0], timeout);
    }

    /** Runs with the connector's default timeout (10 minutes unless the connector is configured otherwise). */
    default ExecResult run(Command command) {
        return run(command, new byte[0], Duration.ofMinutes(10));
    }

    /**
     * Starts {@code command} and returns at once, with its stdin open, for commands that must run alongside
     * others (a host lock). Same environment, locale and privilege handling as {@link #run}.
     */
    default RunningCommand start(Command command) {
        throw new RemoteException(host(), "start " + command, "this connection cannot keep a command running");
    }

    /** Writes {@code content} to {@code remotePath} atomically (temporary file, then rename) with the given mode. */
    void put(byte[] content, String remotePath, int mode);

    /**
     * Writes the local file {@code local} to {@code remotePath} as {@link #put} does. Connectors that can
     * stream override it, so a binary of hundreds of megabytes is not held in memory once per host.
     */
    default void putFile(Path local, String remotePath, int mode) {
        byte[] content;
        try {
            content = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local + ": " + e.getMessage(), e);
        }
        put(content, remotePath, mode);
    }

    /**
     * As {@link #putFile(Path, String, int)}, telling {@code sent} how many bytes have gone so far (for a
     * progress display; called from the uploading thread). Connectors that stream report as they write;
     * the others once, at the end.
     */
    default void putFile(Path local, String remotePath, int mode, LongConsumer sent) {
        putFile(local, remotePath, mode);
        try {
            sent.accept(Files.size(local));
        } catch (IOException e) {
            // the file was written; only the count for the display is missing
        }
    }

    /** Reads a whole remote file. */
    byte[] get(String remotePath);

    @Override
    void close();
}
