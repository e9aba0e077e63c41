package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mesh round of accept.json as a host × host matrix (row: the sender, column: the receiver), each cell what the
 * receiver counted, shaded by its share of the fastest pair. The gates judge hosts, not pairs: a host whose send
 * failed marks its row, one whose receive failed marks its column, each marked cell outlined in red and carrying
 * "✗", and the host's label says which direction failed.
 */
final class NetworkHeatMap {
    static final double LABEL_WIDTH = 190;
    static final double HEADER = 110;
    static final double CELL_W = 86;
    static final double CELL_H = 34;
    /** Shades from light to dark: more would not be told apart on paper. */
    static final int SHADES = 5;

    private NetworkHeatMap() {
    }

    static Map<String, Object> of(JsonNode accept) {
        JsonNode network = accept.path("network");
        List<String> hosts = new ArrayList<>();
        network.path("hosts").forEach(h -> hosts.add(h.path("host").asText()));
        Map<String, JsonNode> pairs = new LinkedHashMap<>();
        for (JsonNode p : network.path("pairs")) {
            if ("mesh".equals(p.path("round").asText())) {
                pairs.put(p.path("from").asText() + "\n" + p.path("to").asText(), p);
                for (String end : List.of(p.path("from").asText(), p.path("to").asText())) {
                    if (!hosts.contains(end)) {
                        hosts.add(end);
                    }
                }
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        Map<String, String> send = new LinkedHashMap<>();
        Map<String, String> receive = new LinkedHashMap<>();
        for (String h : hosts) {
            for (JsonNode f : accept.path("findings").path(h)) {
                if (!f.path("rule").asText("").startsWith("accept.network_")) {
                    continue;
                }
                AcceptFindings.Judged.of(f).ifPresent(e -> {
                    Map<String, String> side = "send".equals(e.direction()) ? send : "receive".equals(e.direction()) ? receive : null;
                    if (side != null) {
                        side.merge(h, f.path("severity").asText("SKIP"), FindingsGrid::worse);
                    }
                });
            }
        }
        double max = pairs.values().stream().filter(p -> p.path("problem").isNull() || p.path("problem").isMissingNode())
                .mapToDouble(p -> p.path("mbits").asDouble(0)).max().orElse(0);

        List<Map<String, Object>> columns = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int c = 0; c < hosts.size(); c++) {
            String to = hosts.get(c);
            String sev = receive.getOrDefault(to, "NONE");
            columns.add(Model.map("host", to, "x", Model.px(LABEL_WIDTH + c * CELL_W + CELL_W / 2), "y", Model.px(HEADER - 8),
                    "verdict", sev, "mark", ThroughputBars.mark(sev) == null ? null : ThroughputBars.mark(sev) + " receive"));
        }
        for (int r = 0; r < hosts.size(); r++) {
            String from = hosts.get(r);
            double y = HEADER + r * CELL_H;
            String sev = send.getOrDefault(from, "NONE");
            rows.add(Model.map("host", from, "y", Model.px(y + CELL_H / 2 - 2), "mark_y", Model.px(y + CELL_H / 2 + 12), "verdict", sev,
                    "mark", ThroughputBars.mark(sev) == null ? null : ThroughputBars.mark(sev) + " send"));
            for (int c = 0; c < hosts.size(); c++) {
                String to = hosts.get(c);
                double x = LABEL_WIDTH + c * CELL_W;
                cells.add(cell(from, to, pairs.get(from + "\n" + to), max, send.getOrDefault(from, "NONE"),
                        receive.getOrDefault(to, "NONE"), x, y));
            }
        }
        return Model.map("width", Model.px(LABEL_WIDTH + hosts.size() * CELL_W + 20), "height", Model.px(HEADER + hosts.size() * CELL_H + 10),
                "columns", columns, "rows", rows, "cells", cells,
                "seconds", Model.text(network.path("seconds_per_round")), "streams", Model.text(network.path("streams")),
                "max", ThroughputBars.figure(max, "Mb/s"));
    }

    private static Map<String, Object> cell(String from, String to, JsonNode pair, double max, String sendSev, String receiveSev,
                                            double x, double y) {
        String verdict;
        String css;
        String textCss = "";
        String text;
        String title;
        if (from.equals(to)) {
            verdict = "NONE";
            css = "heat-self";
            text = "—";
            title = from + " (itself)";
        } else if (pair == null || (pair.hasNonNull("problem"))) {
            verdict = "UNREACHABLE";
            css = "heat-missing";
            text = "?";
            title = from + " → " + to + ": not measured" + (pair == null ? "" : ": " + pair.path("problem").asText());
        } else {
            double mbits = pair.path("mbits").asDouble(0);
            // The pair carries the verdict of the end the gates found slow: the sender's send or the receiver's receive.
            verdict = FindingsGrid.worse(sendSev, receiveSev);
            int shade = max > 0 ? (int) Math.min(SHADES, Math.max(1, Math.ceil(SHADES * mbits / max))) : 1;
            css = "heat-" + shade + ("FAIL".equals(verdict) ? " pair-fail" : "WARN".equals(verdict) ? " pair-warn" : "");
            textCss = "FAIL".equals(verdict) ? "cell-fail" : shade >= 4 ? "on-dark" : "";
            text = ("FAIL".equals(verdict) ? "✗ " : "WARN".equals(verdict) ? "! " : "") + String.format(java.util.Locale.ROOT, "%.0f", mbits);
            title = from + " → " + to + ": " + ThroughputBars.figure(mbits, "Mb/s") + " (" + Model.text(pair.path("tool")) + ")"
                    + ("NONE".equals(verdict) || "PASS".equals(verdict) ? "" : " · " + verdict + ": "
                    + ("FAIL".equals(sendSev) || "WARN".equals(sendSev) ? from + "'s send " : "")
                    + ("FAIL".equals(receiveSev) || "WARN".equals(receiveSev) ? to + "'s receive " : "") + "below its gate");
        }
        return Model.map("from", from, "to", to, "verdict", verdict, "css", css,
                "x", Model.px(x + 1), "y", Model.px(y + 1), "w", Model.px(CELL_W - 2), "h", Model.px(CELL_H - 2),
                "text", text, "text_css", textCss, "text_x", Model.px(x + CELL_W / 2), "text_y", Model.px(y + CELL_H / 2 + 4), "title", title);
    }
}
