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
     * against, and a tooltip with the figures and, for a failing one, the likely cause.
     */
    static ThroughputBars.Bar bar(String direction, Double measured, List<JsonNode> findings, String what, String unit) {
        String severity = "NONE";
        Double spec = null;
        Double median = null;
        StringBuilder detail = new StringBuilder(what + " · " + direction + " "
                + (measured == null ? "not measured" : ThroughputBars.figure(measured, unit)));
        String hint = null;
        for (JsonNode f : findings) {
            Optional<GateExpected> expected = GateExpected.parse(f.path("expected").asText(null));
            if (expected.isEmpty() || !expected.get().direction().equals(direction)) {
                continue;
            }
            GateExpected e = expected.get();
            String sev = f.path("severity").asText("SKIP");
            severity = FindingsGrid.worse(severity, sev);
            if (e.isMedian()) {
                median = e.reference();
            } else {
                spec = e.reference();
            }
            detail.append(" · ").append(e.basis()).append(' ').append(ThroughputBars.figure(e.reference(), unit))
                    .append(" (floor ").append(ThroughputBars.figure(e.floor(), unit)).append("): ").append(sev);
            if (!"PASS".equals(sev) && f.hasNonNull("hint")) {
                hint = f.path("hint").asText();
            }
        }
        if (hint != null) {
            detail.append(" · likely cause: ").append(hint);
        }
        return new ThroughputBars.Bar(direction, measured, spec, median, severity, detail.toString());
    }
}
