package dev.aistorctl.workflows.accept;

import java.io.InputStream;

/** {@code length} bytes that repeat one block: an object's body without holding the object twice. */
final class RepeatingStream extends InputStream {
    private final byte[] block;
    private final long length;
    private long position;

    RepeatingStream(byte[] block, long length) {
        this.block = block;
        this.length = length;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return block[(int) (position++ % block.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int at = (int) (position % block.length);
        int n = (int) Math.min(Math.min(len, block.length - at), length - position);
        System.arraycopy(block, at, b, off, n);
        position += n;
        return n;
    }
}
