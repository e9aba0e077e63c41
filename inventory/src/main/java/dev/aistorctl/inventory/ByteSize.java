package dev.aistorctl.inventory;

/**
 * A size as the inventory holds it (a drive selector's {@code min_size}, {@code max_size}). Reading
 * and writing are {@link dev.aistorctl.core.text.ByteSize}'s, the project's one unit convention;
 * this type remains only because callers outside the engine still name it, and goes once they use
 * core's type directly.
 */
public record ByteSize(long bytes) {
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    /** See {@link dev.aistorctl.core.text.ByteSize#parse}. */
    public static ByteSize parse(String text) {
        return new ByteSize(dev.aistorctl.core.text.ByteSize.parse(text).bytes());
    }

    /** {@link dev.aistorctl.core.text.ByteSize#decimal}: {@code 15.36 TB}. */
    public String human() {
        return dev.aistorctl.core.text.ByteSize.decimal(bytes);
    }

    @Override
    public String toString() {
        return human();
    }
}
