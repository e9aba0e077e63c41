package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The S3 part of accept.json: PUT and GET throughput of every node (bars against the node's expected figure, the
 * verdicts accept gave each direction) and the latency percentiles, with the aggregate of every node at once.
 */
final class S3Nodes {
    static final List<String> DIRECTIONS = List.of("PUT", "GET");
    static final String UNIT = "MB/s";

    private S3Nodes() {
    }

    /**
     * Null when the run did not measure S3 or loaded no node (every host skipped as it ran no node: their SKIP findings
     * say why, in the findings that did not pass).
     */
    static Map<String, Object> of(JsonNode accept) {
        JsonNode s3 = accept.path("s3");
        if (!s3.isObject() || s3.path("nodes").isEmpty()) {
            return null;
        }
        List<ThroughputBars.Row> bars = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (JsonNode n : s3.path("nodes")) {
            String host = n.path("host").asText();
            String endpoint = n.path("endpoint").asText("");
            List<ThroughputBars.Bar> row = new ArrayList<>();
            for (String direction : DIRECTIONS) {
                String key = direction.toLowerCase(Locale.ROOT);
                Double measured = n.path(key + "_mbps").isNumber() ? n.path(key + "_mbps").asDouble() : null;
                Double expected = n.path("expected_" + key + "_mbps").isNumber() ? n.path("expected_" + key + "_mbps").asDouble() : null;
                String verdict = n.path(key + "_verdict").asText("NONE");
                row.add(new ThroughputBars.Bar(direction, measured, expected, null, verdict,
                        host + " " + endpoint + " · " + direction + " " + (measured == null ? "not measured" : ThroughputBars.figure(measured, UNIT))
                                + (expected == null ? "" : " · expected " + ThroughputBars.figure(expected, UNIT)) + ": " + verdict));
            }
            bars.add(new ThroughputBars.Row(host, endpoint, host, row));
            String worst = FindingsGrid.worse(n.path("put_verdict").asText("NONE"), n.path("get_verdict").asText("NONE"));
            table.add(Model.map("host", host, "endpoint", endpoint, "verdict", worst, "css", "sev-" + ReportModel.sevClass(worst),
                    "mark", ThroughputBars.mark(worst),
                    "put", mbps(n.path("put_mbps")), "get", mbps(n.path("get_mbps")),
                    "put_latency", latency(n, "put"), "get_latency", latency(n, "get"),
                    "objects", Model.text(n.path("put_objects")) + " / " + Model.text(n.path("get_objects")),
                    "expected", n.path("expected_put_mbps").isNumber() || n.path("expected_get_mbps").isNumber()
                            ? mbps(n.path("expected_put_mbps")) + " / " + mbps(n.path("expected_get_mbps")) : Model.UNKNOWN));
        }
        JsonNode all = s3.path("aggregate");
        return Model.map("chart", ThroughputBars.of(DIRECTIONS, UNIT, bars), "nodes", table,
                "object_size", Model.bytes(s3.path("object_bytes")), "concurrency", Model.text(s3.path("concurrency")),
                "seconds", Model.text(s3.path("seconds_per_phase")), "bucket", Model.text(s3.path("bucket")),
                "aggregate", all.isObject() ? Model.map("put", mbps(all.path("put_mbps")), "get", mbps(all.path("get_mbps")),
                        "put_latency", latency(all, "put"), "get_latency", latency(all, "get"),
                        "objects", Model.text(all.path("put_objects")) + " / " + Model.text(all.path("get_objects"))) : null);
    }

    private static String mbps(JsonNode v) {
        return v.isNumber() ? ThroughputBars.figure(v.asDouble(), UNIT) : Model.UNKNOWN;
    }

    private static String latency(JsonNode n, String direction) {
        JsonNode p50 = n.path(direction + "_p50_ms");
        JsonNode p99 = n.path(direction + "_p99_ms");
        if (!p50.isNumber() && !p99.isNumber()) {
            return Model.UNKNOWN;
        }
        return String.format(Locale.ROOT, "p50 %s · p99 %s", ms(p50), ms(p99));
    }

    private static String ms(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.1f ms", v.asDouble()) : Model.UNKNOWN;
    }
}
