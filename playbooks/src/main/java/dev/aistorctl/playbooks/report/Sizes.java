package dev.aistorctl.playbooks.report;

import java.util.Locale;

/** Capacities as a customer reads them on a datasheet: decimal units (TB), the way drives are sold. */
final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Sizes() {
    }

    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, UNITS[unit]);
    }
}
