package dev.aistorctl.workflows.text;

/** Byte counts for tables: binary units, because memory is sold and reported in GiB. */
public final class HumanBytes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private HumanBytes() {
    }

    public static String binary(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, UNITS[unit]);
    }
}
