package dev.aistorctl.hwcheck.accept;

import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The one shape of every accept gate: a measured figure against a floor, a fraction of a reference (a
 * spec figure or the peers' median). At or above the floor passes; below it the finding takes the rule's
 * severity and the hint, which is only worked out for a figure that failed.
 *
 * @param rule     the rule id, e.g. {@code accept.drive_peers}
 * @param severity what a figure below the floor is
 * @param device   what the figure is about, as the finding names it
 * @param unit     how the figures print ("%.0f MB/s")
 */
record Gate(String rule, Severity severity, String device, DoubleFunction<String> unit) {

    /**
     * @param what  the figure's short name in the expectation ("read", "PUT")
     * @param doing what was measured, as the message says it ("sequential read", "PUT with 8 requests at once")
     * @param basis what the reference is ("spec 7000 MB/s", "median of 3 hosts 9400 Mb/s")
     */
    Finding judge(String what, String doing, double measured, double reference, double fraction, String basis,
                  Supplier<String> hint) {
        double floor = reference * fraction;
        String expected = "≥ " + unit.apply(floor) + " " + what + " (" + percent(fraction) + " of " + basis + ")";
        String actual = unit.apply(measured);
        String message = device + ": " + doing + " " + actual + ", " + (reference > 0 ? percent(measured / reference) : "?")
                + " of " + basis;
        if (measured >= floor) {
            return Finding.pass(rule, expected, actual, message, device);
        }
        return new Finding(rule, severity, expected, actual, message, hint.get(), device);
    }

    /** Against the median of every figure of the group this one belongs to (itself included). */
    Finding againstMedian(String what, String doing, double measured, List<Double> group, double fraction, String groupName,
                          Supplier<String> hint) {
        double median = Median.of(group);
        return judge(what, doing, measured, median, fraction, "median of " + group.size() + " " + groupName + " "
                + unit.apply(median), hint);
    }

    /** A fraction as the findings of every accept gate print it. */
    static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f %%", f * 100);
    }

    static String mbps(double v) {
        return String.format(Locale.ROOT, "%.0f MB/s", v);
    }

    static String mbits(double v) {
        return String.format(Locale.ROOT, "%.0f Mb/s", v);
    }
}
