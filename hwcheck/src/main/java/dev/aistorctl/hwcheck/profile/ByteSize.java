package dev.aistorctl.hwcheck.profile;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them. Drive makers sell decimal terabytes (15.36 TB) and memory is sold
 * in binary gibibytes (512 GiB), so both unit families are accepted and never confused:
 * "GB" is 10^9, "GiB" is 2^30.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B|B)?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("B", BigDecimal.ONE),
            Map.entry("KB", BigDecimal.TEN.pow(3)), Map.entry("MB", BigDecimal.TEN.pow(6)),
            Map.entry("GB", BigDecimal.TEN.pow(9)), Map.entry("TB", BigDecimal.TEN.pow(12)),
            Map.entry("PB", BigDecimal.TEN.pow(15)),
            Map.entry("KIB", BigDecimal.valueOf(2).pow(10)), Map.entry("MIB", BigDecimal.valueOf(2).pow(20)),
            Map.entry("GIB", BigDecimal.valueOf(2).pow(30)), Map.entry("TIB", BigDecimal.valueOf(2).pow(40)),
            Map.entry("PIB", BigDecimal.valueOf(2).pow(50)));

    private ByteSize() {
    }

    /** Parses "512 GiB", "15.36TB" or "1024"; throws IllegalArgumentException with the accepted forms. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with a unit "
                    + "(B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        return new BigDecimal(m.group(1)).multiply(UNITS.get(unit)).longValueExact();
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
