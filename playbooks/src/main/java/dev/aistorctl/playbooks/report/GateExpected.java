package dev.aistorctl.playbooks.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an acceptance gate judged a figure against, read back from its finding's {@code expected}, which every
 * accept gate writes the same way: "≥ 5600 MB/s read (80 % of spec 7000 MB/s)", "≥ 75 MB/s write (70 % of median
 * of 6 (no model) drives 107 MB/s)", "≥ 1300 Mb/s receive (50 % of median of 3 hosts 2600 Mb/s)". The report
 * draws the reference (the spec figure, the peers' median) as a line, so it shows exactly what the gate used.
 *
 * @param direction "read", "write", "send", "receive", ...
 * @param basis     what the reference is: "spec", "line rate", "median of 6 (no model) drives"
 */
record GateExpected(double floor, String direction, String basis, double reference) {
    private static final Pattern EXPECTED = Pattern.compile(
            "≥ (\\d+(?:\\.\\d+)?) (?:MB/s|Mb/s) (\\S+) \\(\\d+(?:\\.\\d+)? % of (.+) (\\d+(?:\\.\\d+)?) (?:MB/s|Mb/s)\\)");

    static Optional<GateExpected> parse(String expected) {
        if (expected == null) {
            return Optional.empty();
        }
        Matcher m = EXPECTED.matcher(expected.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new GateExpected(Double.parseDouble(m.group(1)), m.group(2), m.group(3), Double.parseDouble(m.group(4))));
    }

    boolean isMedian() {
        return basis.startsWith("median");
    }
}
