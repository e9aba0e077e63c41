package dev.aistorctl.hwcheck.accept;

import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.Measurement;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one shape of every accept gate: a measured figure against a floor, a fraction of a reference (a
 * spec figure or the peers' median). At or above the floor passes; below it the finding takes the rule's
 * severity and the hint, which is only worked out for a figure that failed. Every finding carries the figures as
 * numbers ({@link Measurement}) besides the text.
 *
 * @param rule     the rule id, e.g. {@code accept.drive_peers}
 * @param severity what a figure below the floor is
 * @param device   what the figure is about, as the finding names it
 * @param unit     the figures' unit
 */
record Gate(String rule, Severity severity, String device, Unit unit) {

    /** The unit of a gate's figures: how they print and what the finding's measurement names them. */
    enum Unit {
        /** Decimal megabytes a second, as drive datasheets give them. */
        MBPS("MB/s"),
        /** Decimal megabits a second, as NICs are rated. */
        MBITS("Mb/s");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        String format(double v) {
            return String.format(Locale.ROOT, "%.0f %s", v, symbol);
        }
    }

    /**
     * Against a figure of the hardware (a datasheet's, a line rate, what the NIC and drives allow).
     *
     * @param what      the figure's short name in the expectation ("read", "PUT")
     * @param doing     what was measured, as the message says it ("sequential read", "PUT with 8 requests at once")
     * @param basisName what the reference is, without its figure ("spec", "line rate")
     */
    Finding judge(String what, String doing, double measured, double reference, double fraction, String basisName,
                  Supplier<String> hint) {
        return judge(what, doing, measured, reference, fraction, basisName, Measurement.SPEC, hint);
    }

    private Finding judge(String what, String doing, double measured, double reference, double fraction, String basisName,
                          String kind, Supplier<String> hint) {
        double floor = reference * fraction;
        String basis = basisName + " " + unit.format(reference);
        String expected = "≥ " + unit.format(floor) + " " + what + " (" + percent(fraction) + " of " + basis + ")";
        String actual = unit.format(measured);
        String message = device + ": " + doing + " " + actual + ", " + (reference > 0 ? percent(measured / reference) : "?")
                + " of " + basis;
        Measurement figures = new Measurement(what, measured, floor, reference, kind, basisName, fraction, unit.symbol);
        if (measured >= floor) {
            return new Finding(rule, Severity.PASS, expected, actual, message, null, device, figures);
        }
        return new Finding(rule, severity, expected, actual, message, hint.get(), device, figures);
    }

    /** Against the median of every figure of the group this one belongs to (itself included). */
    Finding againstMedian(String what, String doing, double measured, List<Double> group, double fraction, String groupName,
                          Supplier<String> hint) {
        double median = Median.of(group);
        return judge(what, doing, measured, median, fraction, "median of " + group.size() + " " + groupName, Measurement.MEDIAN, hint);
    }

    /** A fraction as the findings of every accept gate print it. */
    static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f %%", f * 100);
    }

    static String mbps(double v) {
        return Unit.MBPS.format(v);
    }

    static String mbits(double v) {
        return Unit.MBITS.format(v);
    }
}
