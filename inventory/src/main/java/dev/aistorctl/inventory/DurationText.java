package dev.aistorctl.inventory;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Go and systemd users write them: {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 1h30m}. Each part is a whole number followed by {@code ms}, {@code s}, {@code m} or
 * {@code h}; parts go from the largest unit to the smallest, each unit at most once. A bare
 * number is refused, because "10" could mean seconds or minutes and a wrong guess there turns a
 * timeout into an hour-long hang.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
    private static final List<String> ORDER = List.of("h", "m", "s", "ms");

    private DurationText() {
    }

    /** @throws IllegalArgumentException with a message fit for the user */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a duration cannot be empty");
        }
        if (t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("duration '" + text + "' has no unit");
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        int lastUnit = -1;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration");
            }
            int unit = ORDER.indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException("duration '" + text + "' repeats a unit or has them out of order");
            }
            lastUnit = unit;
            long n;
            try {
                n = Long.parseLong(m.group(1));
                total = switch (m.group(2)) {
                    case "h" -> total.plusHours(n);
                    case "m" -> total.plusMinutes(n);
                    case "s" -> total.plusSeconds(n);
                    default -> total.plusMillis(n);
                };
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration '" + text + "' is too long");
            }
            at = m.end();
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' is zero");
        }
        return total;
    }

    /** The shortest text that {@link #parse} reads back as the same duration. */
    public static String format(Duration d) {
        StringBuilder out = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        long ms = d.toMillisPart();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        if (ms > 0 || out.length() == 0) {
            out.append(ms).append("ms");
        }
        return out.toString();
    }
}
