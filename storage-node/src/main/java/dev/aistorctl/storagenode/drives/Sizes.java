package dev.aistorctl.storagenode.drives;

import dev.aistorctl.inventory.ByteSize;

/** Sizes in reasons: drives in binary units, as lsblk shows them; inventory limits as the inventory writes them. */
public final class Sizes {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    /** "2.0 GiB". */
    public static String binary(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, BINARY[unit]);
    }

    /** A limit from the inventory: "1984 MiB" when it is a whole number of binary units, else "15.36 TB". */
    static String limit(long bytes) {
        for (int unit = BINARY.length - 1; unit >= 1; unit--) {
            long scale = 1L << (10 * unit);
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + " " + BINARY[unit];
            }
        }
        return new ByteSize(bytes).human();
    }
}
