package dev.aistorctl.core.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, and every way aistorctl reads and writes one: the one unit convention of the
 * project.
 *
 * <p>Reading follows {@code lsblk}, MinIO and the drive datasheets: {@code K}, {@code M}, {@code G},
 * {@code T}, {@code P}, with or without a trailing {@code B}, are decimal SI units (powers of 1000),
 * so {@code 15TB} and {@code 15T} are both 15 x 10^12 bytes and the "15.36 TB" printed on a Micron
 * 7500 PRO label means what it says. {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}, {@code PiB}
 * are binary (powers of 1024). Units are case-insensitive except that the {@code i} marks binary. A
 * bare number is bytes. A decimal fraction is allowed ({@code 15.36TB}) and rounded down to whole
 * bytes. A space between number and unit is allowed.
 *
 * <p>Writing has one named form per kind of reader, because each is what that reader compares
 * against elsewhere: {@link #decimal} (a datasheet), {@link #decimalTwoPlaces} (a capacity report),
 * {@link #binary} (lsblk), {@link #whole} (a limit as an inventory writes it), {@link #precise}
 * (a finding that must show the exact value).
 */
public record ByteSize(long bytes) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("b", BigDecimal.ONE),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("kb", BigDecimal.TEN.pow(3)),
            Map.entry("m", BigDecimal.TEN.pow(6)), Map.entry("mb", BigDecimal.TEN.pow(6)),
            Map.entry("g", BigDecimal.TEN.pow(9)), Map.entry("gb", BigDecimal.TEN.pow(9)),
            Map.entry("t", BigDecimal.TEN.pow(12)), Map.entry("tb", BigDecimal.TEN.pow(12)),
            Map.entry("p", BigDecimal.TEN.pow(15)), Map.entry("pb", BigDecimal.TEN.pow(15)),
            Map.entry("kib", BigDecimal.valueOf(1024)),
            Map.entry("mib", BigDecimal.valueOf(1024).pow(2)),
            Map.entry("gib", BigDecimal.valueOf(1024).pow(3)),
            Map.entry("tib", BigDecimal.valueOf(1024).pow(4)),
            Map.entry("pib", BigDecimal.valueOf(1024).pow(5)));
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    /**
     * Parses {@code 15TB}, {@code 15.36 TB}, {@code 14TiB}, {@code 2G} or {@code 4096}.
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not a size
     */
    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size");
        }
        BigDecimal unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2) + "'");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(unit).setScale(0, RoundingMode.FLOOR);
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return new ByteSize(value.longValueExact());
    }

    /** As a datasheet prints it: decimal SI units, at most two decimals, cut rather than rounded: {@code 15.36 TB}, {@code 2 GB}. */
    public static String decimal(long bytes) {
        Scaled scaled = decimalScaled(bytes);
        return scaled.value().setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " " + scaled.unit();
    }

    /** {@code bytes} exactly, in the largest decimal SI unit (B, KB, MB ... EB) that keeps the number at least 1. */
    public static Scaled decimalScaled(long bytes) {
        String[] names = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        BigDecimal value = BigDecimal.valueOf(bytes);
        int i = 0;
        BigDecimal thousand = BigDecimal.valueOf(1000);
        while (value.compareTo(thousand) >= 0 && i < names.length - 1) {
            value = value.divide(thousand);
            i++;
        }
        return new Scaled(value, names[i]);
    }

    /** A size as a number and its decimal unit, for callers that round it their own way. */
    public record Scaled(BigDecimal value, String unit) {
    }

    /** Capacities in a report, aligned in columns: decimal units, always two decimals, rounded: {@code 25.77 GB}, {@code 512 B}. */
    public static String decimalTwoPlaces(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        if (bytes < 1000) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < units.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[unit]);
    }

    /** A drive as lsblk shows it: binary units, one decimal: {@code 2.0 GiB}, {@code 512 B}. */
    public static String binary(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
    }

    /** A limit as an inventory writes it: {@code 1984 MiB} when a whole number of binary units, else {@link #decimal}. */
    public static String whole(long bytes) {
        for (int unit = BINARY.length - 1; unit >= 1; unit--) {
            long scale = 1L << (10 * unit);
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + " " + BINARY[unit];
            }
        }
        return decimal(bytes);
    }

    /**
     * A size in a finding that must not hide a difference: binary units for memory-like round numbers
     * ({@code 512 GiB}), else decimal with the exact count ({@code 15.36 TB (15362991415296 bytes)}).
     */
    public static String precise(long bytes) {
        String[] decimal = {"B", "kB", "MB", "GB", "TB", "PB"};
        if (bytes >= 1024 && bytes % (1024L * 1024) == 0) {
            return scaled(bytes, 1024, BINARY);
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

    /** {@link #decimal} of this size. */
    public String human() {
        return decimal(bytes);
    }

    @Override
    public String toString() {
        return human();
    }
}
