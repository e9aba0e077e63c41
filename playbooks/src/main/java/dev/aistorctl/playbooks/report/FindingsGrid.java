package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hardware check as a coloured grid, host × rule, each cell the worst severity of that rule on that host. A
 * WARN or FAIL the engineer accepted is marked "A", so an accepted deviation is never mistaken for a pass.
 */
final class FindingsGrid {
    static final double LABEL_WIDTH = 150;
    /** Room for rule names written at an angle above the columns; the longest ids are about 30 characters. */
    static final double HEADER = 200;
    static final double CELL = 26;

    private FindingsGrid() {
    }

    static Map<String, Object> of(JsonNode verify, Set<String> accepted) {
        Set<String> rules = new LinkedHashSet<>();
        Map<String, Map<String, String>> worst = new LinkedHashMap<>();
        for (JsonNode h : verify.path("hosts")) {
            Map<String, String> cells = worst.computeIfAbsent(h.path("host").asText(), k -> new LinkedHashMap<>());
            if (!h.path("reachable").asBoolean(true)) {
                cells.put("", "UNREACHABLE");
            }
            for (JsonNode f : h.path("findings")) {
                String rule = f.path("rule").asText();
                rules.add(rule);
                cells.merge(rule, f.path("severity").asText("SKIP"), FindingsGrid::worse);
            }
        }
        if (rules.isEmpty()) {
            return null;
        }
        List<String> ruleList = new ArrayList<>(rules);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int c = 0; c < ruleList.size(); c++) {
            double cx = LABEL_WIDTH + c * CELL + CELL / 2;
            columns.add(Model.map("rule", ruleList.get(c), "x", Model.px(cx + 4), "y", Model.px(HEADER - 6)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        int r = 0;
        for (Map.Entry<String, Map<String, String>> host : worst.entrySet()) {
            double y = HEADER + r * CELL;
            rows.add(Model.map("host", host.getKey(), "y", Model.px(y + CELL / 2 + 4)));
            for (int c = 0; c < ruleList.size(); c++) {
                String rule = ruleList.get(c);
                String sev = host.getValue().getOrDefault(rule, host.getValue().containsKey("") ? "UNREACHABLE" : "NONE");
                boolean isAccepted = accepted.contains(rule) && ("WARN".equals(sev) || "FAIL".equals(sev));
                double x = LABEL_WIDTH + c * CELL;
                cells.add(Model.map("x", Model.px(x + 1), "y", Model.px(y + 1), "size", Model.px(CELL - 2),
                        "css", "sev-" + sevClass(sev), "accepted", isAccepted,
                        "mark_x", Model.px(x + CELL / 2), "mark_y", Model.px(y + CELL / 2 + 4),
                        "title", host.getKey() + " · " + rule + " · " + sev + (isAccepted ? " (accepted)" : "")));
            }
            r++;
        }
        return Model.map("width", Model.px(LABEL_WIDTH + ruleList.size() * CELL + 160),
                "height", Model.px(HEADER + worst.size() * CELL + 8),
                "columns", columns, "rows", rows, "cells", cells);
    }

    static int rank(String severity) {
        return switch (severity) {
            case "PASS" -> 1;
            case "WARN" -> 2;
            case "FAIL" -> 3;
            case "UNREACHABLE" -> 4;
            default -> 0; // SKIP and anything unknown rank below a real result
        };
    }

    static String worse(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static String sevClass(String sev) {
        return switch (sev) {
            case "PASS", "WARN", "FAIL", "SKIP", "UNREACHABLE" -> sev.toLowerCase(java.util.Locale.ROOT);
            default -> "none";
        };
    }
}
