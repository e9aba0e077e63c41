package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acceptance section of the as-built document, from the run's accept.json (what {@code aistorctl accept}
 * measured and how its gates judged it): the verdict, every finding that did not pass with its likely cause, what
 * could not be measured, and the pictures: drive bars, the network's host × host heat map, S3 throughput per node.
 */
final class AcceptSection {
    private AcceptSection() {
    }

    /** Null when the run has no accept.json: the template then says so. */
    static Map<String, Object> of(JsonNode accept) {
        if (accept == null || !accept.isObject()) {
            return null;
        }
        long failed = 0;
        long warned = 0;
        long passed = 0;
        List<Map<String, Object>> notPassed = new ArrayList<>();
        var hosts = accept.path("findings").fields();
        while (hosts.hasNext()) {
            var host = hosts.next();
            for (JsonNode f : host.getValue()) {
                String sev = f.path("severity").asText("SKIP");
                switch (sev) {
                    case "FAIL" -> failed++;
                    case "WARN" -> warned++;
                    case "PASS" -> passed++;
                    default -> {
                        continue;
                    }
                }
                if (!"PASS".equals(sev)) {
                    notPassed.add(Model.map("host", host.getKey(), "severity", sev, "css", "sev-" + ReportModel.sevClass(sev),
                            "rule", Model.text(f.path("rule")), "device", Model.text(f.path("device")),
                            "expected", Model.text(f.path("expected")), "actual", Model.text(f.path("actual")),
                            "hint", Model.text(f.path("hint"))));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        accept.path("unmeasured").fields().forEachRemaining(e -> problems.add(e.getKey() + ": " + e.getValue().asText()));
        accept.path("drives").forEach(h -> h.path("problems").forEach(p -> problems.add(h.path("host").asText() + ": " + p.asText())));
        accept.path("network").path("problems").forEach(p -> problems.add("network: " + p.asText()));
        accept.path("s3").path("problems").forEach(p -> problems.add("S3: " + p.asText()));
        String verdict = failed > 0 ? "FAIL" : warned > 0 ? "WARN" : problems.isEmpty() ? "PASS" : "INCOMPLETE";
        List<String> parts = new ArrayList<>();
        accept.path("seconds").fields().forEachRemaining(e -> parts.add(e.getKey() + " " + Math.round(e.getValue().asDouble()) + " s"));
        Map<String, Object> s3 = S3Nodes.of(accept);
        // Hosts the S3 part skipped as they ran no node: SKIP findings, not problems, but the reader must see why.
        List<String> s3Skipped = new ArrayList<>();
        accept.path("s3").path("skipped").fields().forEachRemaining(e -> s3Skipped.add(e.getKey() + ": " + e.getValue().asText()));
        return Model.map("profile", Model.text(accept.path("profile")),
                "verdict", verdict, "verdict_css", "sev-" + ("INCOMPLETE".equals(verdict) ? "warn" : verdict.toLowerCase(Locale.ROOT)),
                "failed", failed, "warned", warned, "passed", passed,
                "seconds", parts.isEmpty() ? Model.UNKNOWN : String.join(", ", parts),
                "any_not_passed", !notPassed.isEmpty(), "not_passed", notPassed,
                "problems", problems.isEmpty() ? null : problems,
                "drive_bars", DriveBars.of(accept),
                "network_map", NetworkHeatMap.of(accept),
                "s3", s3,
                "s3_skipped", s3Skipped.isEmpty() ? null : s3Skipped);
    }
}
