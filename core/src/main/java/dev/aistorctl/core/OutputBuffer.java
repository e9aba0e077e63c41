package dev.aistorctl.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Collects one output stream of a command in memory, up to {@link #LIMIT} bytes. The stream is read to
 * its end even past the limit, so the command is never blocked on a full pipe or SSH window; what
 * exceeded the limit is dropped and reported by {@link #overflowed()}.
 */
public final class OutputBuffer {
    /** Facts and captures are a few MB at most; this bound keeps a runaway command from filling the heap. */
    public static final int LIMIT = 256 * 1024 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private long total;

    public OutputBuffer() {
        this(LIMIT);
    }

    public OutputBuffer(int limit) {
        this.limit = limit;
    }

    /** Reads {@code in} to its end; returns this buffer. */
    public OutputBuffer drain(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            synchronized (this) {
                int room = (int) Math.max(0, Math.min(n, limit - total));
                bytes.write(chunk, 0, room);
                total += n;
            }
        }
        return this;
    }

    public synchronized boolean overflowed() {
        return total > limit;
    }

    public synchronized long total() {
        return total;
    }

    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }
}
