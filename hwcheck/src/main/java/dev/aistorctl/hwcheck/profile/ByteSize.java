package dev.aistorctl.hwcheck.profile;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in profiles and findings. Parsing is the inventory's ("GB" is 10^9, "GiB" is 2^30); the
 * formatting here is for messages that must show both the rounded and the exact value.
 */
public final class ByteSize {
    private ByteSize() {
    }

    /** Parses sizes as the inventory does ("512 GiB", "15.36TB", "1024"): one unit convention for every file. */
    public static long parse(String text) {
        return dev.aistorctl.inventory.ByteSize.parse(text).bytes();
    }

    /** A size for messages: binary units for memory-like round numbers, decimal otherwise, and the bytes. */
    public static String format(long bytes) {
        String[] binary = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        String[] decimal = {"B", "kB", "MB", "GB", "TB", "PB"};
        if (bytes >= 1024 && bytes % (1024L * 1024) == 0) {
            return scaled(bytes, 1024, binary);
        }
        return scaled(bytes, 1000, decimal) + " (" + bytes + " bytes)";
    }

    private static String scaled(long bytes, int base, String[] units) {
        double value = bytes;
        int unit = 0;
        while (value >= base && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + units[unit];
    }
}
