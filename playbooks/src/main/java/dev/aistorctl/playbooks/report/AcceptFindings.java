package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The findings of accept.json about one measured thing, and what they make of one of its figures. */
final class AcceptFindings {
    private AcceptFindings() {
    }

    /**
     * The findings of {@code host} whose rule starts with {@code rulePrefix} and that are about {@code device}: named by
     * it alone or followed by what identifies it ("/mnt/drive2 (/dev/loop3, image ...)", "eth0 (10.0.0.12)").
     */
    static List<JsonNode> about(JsonNode accept, String host, String rulePrefix, String device) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : accept.path("findings").path(host)) {
            String named = f.path("device").asText("");
            if (f.path("rule").asText("").startsWith(rulePrefix) && (named.equals(device) || named.startsWith(device + " ("))) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * One bar: the worst verdict of the findings about this direction, the spec and the peers' median they judged
     * against, and a tooltip with the figures and, for a failing one, the likely cause. The figures are the findings'
     * {@code measurement} numbers, never read back from their text; a finding without them (a SKIP) does not draw.
     */
    static ThroughputBars.Bar bar(String direction, Double measured, List<JsonNode> findings, String what, String unit) {
        String severity = "NONE";
        Double spec = null;
        Double median = null;
        StringBuilder detail = new StringBuilder(what + " · " + direction + " "
                + (measured == null ? "not measured" : ThroughputBars.figure(measured, unit)));
        String hint = null;
        for (JsonNode f : findings) {
            Optional<Judged> judged = Judged.of(f);
            if (judged.isEmpty() || !judged.get().direction().equals(direction)) {
                continue;
            }
            Judged j = judged.get();
            String sev = f.path("severity").asText("SKIP");
            severity = FindingsGrid.worse(severity, sev);
            if (j.isMedian()) {
                median = j.reference();
            } else {
                spec = j.reference();
            }
            detail.append(" · ").append(j.basis()).append(' ').append(ThroughputBars.figure(j.reference(), unit))
                    .append(" (floor ").append(ThroughputBars.figure(j.floor(), unit)).append("): ").append(sev);
            if (!"PASS".equals(sev) && f.hasNonNull("hint")) {
                hint = f.path("hint").asText();
            }
        }
        if (hint != null) {
            detail.append(" · likely cause: ").append(hint);
        }
        return new ThroughputBars.Bar(direction, measured, spec, median, severity, detail.toString());
    }

    /**
     * What an acceptance gate judged a figure against, from its finding's {@code measurement}.
     *
     * @param direction "read", "write", "send", "receive", ...
     * @param basis     what the reference is: "spec", "line rate", "median of 6 (no model) drives"
     */
    record Judged(double floor, String direction, String basis, double reference, boolean isMedian) {
        /** Empty for a finding that judged no figure (a SKIP, a finding of accept.json before the figures were kept). */
        static Optional<Judged> of(JsonNode finding) {
            JsonNode m = finding.path("measurement");
            if (!m.path("floor").isNumber() || !m.path("reference").isNumber() || !m.path("direction").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Judged(m.path("floor").asDouble(), m.path("direction").asText(), m.path("basis").asText(""),
                    m.path("reference").asDouble(), "median".equals(m.path("reference_kind").asText())));
        }
    }
}
