package dev.aistorctl.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes written the way drive vendors and storage tools write it.
 *
 * <p>Units follow the convention of {@code lsblk}, MinIO and the drive datasheets: {@code K},
 * {@code M}, {@code G}, {@code T}, {@code P}, with or without a trailing {@code B}, are decimal
 * SI units (powers of 1000), so {@code 15TB} and {@code 15T} are both 15 x 10^12 bytes and the
 * "15.36 TB" printed on a Micron 7500 PRO label means what it says. {@code KiB}, {@code MiB},
 * {@code GiB}, {@code TiB}, {@code PiB} are binary (powers of 1024). Units are case-insensitive
 * except that the {@code i} marks binary. A bare number is bytes. A decimal fraction is allowed
 * ({@code 15.36TB}) and rounded down to whole bytes. A space between number and unit is allowed.
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

    /** Decimal SI rendering with two decimals, as a datasheet prints it: {@code 15.36 TB}. */
    public String human() {
        String[] names = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        BigDecimal value = BigDecimal.valueOf(bytes);
        int i = 0;
        BigDecimal thousand = BigDecimal.valueOf(1000);
        while (value.compareTo(thousand) >= 0 && i < names.length - 1) {
            value = value.divide(thousand);
            i++;
        }
        BigDecimal shown = value.setScale(2, RoundingMode.DOWN).stripTrailingZeros();
        return shown.toPlainString() + " " + names[i];
    }

    @Override
    public String toString() {
        return human();
    }
}
