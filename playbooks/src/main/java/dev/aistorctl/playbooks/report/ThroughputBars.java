package dev.aistorctl.playbooks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured throughput as horizontal bars, one row per item (a drive, an S3 node) and one panel per direction (write
 * and read, PUT and GET), each panel on its own scale: the reference the gate judged against is a line across the
 * bar (dashed: the spec; solid: the peers' median), so a short bar reads against what it should have reached. A bar
 * that failed is red and carries the text "✗ FAIL" (WARN: "! WARN"), so it is found without telling colours apart.
 */
final class ThroughputBars {
    static final double LABEL_WIDTH = 270;
    static final double PANEL = 330;
    static final double GAP = 24;
    /** Room after a full-length bar for its figure and the mark. */
    static final double VALUE_ROOM = 120;
    static final double TOP = 30;
    static final double ROW = 24;
    static final double BAR = 14;

    /** One figure: {@code measured} null when not measured, {@code spec}/{@code median} null when the gates had none. */
    record Bar(String direction, Double measured, Double spec, Double median, String severity, String detail) {
    }

    /** One item: {@code host} and {@code item} go to data attributes, so a test or a reader's tool can find it. */
    record Row(String host, String item, String label, List<Bar> bars) {
    }

    private ThroughputBars() {
    }

    static Map<String, Object> of(List<String> directions, String unit, List<Row> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Double> scale = new LinkedHashMap<>();
        for (String d : directions) {
            double max = rows.stream().flatMap(r -> r.bars().stream()).filter(b -> b.direction().equals(d))
                    .mapToDouble(b -> Math.max(value(b.measured()), Math.max(value(b.spec()), value(b.median())))).max().orElse(0);
            scale.put(d, max > 0 ? max : 1);
        }
        double plot = PANEL - VALUE_ROOM;
        double bottom = TOP + rows.size() * ROW;
        List<Map<String, Object>> panels = new ArrayList<>();
        for (int p = 0; p < directions.size(); p++) {
            double x = LABEL_WIDTH + p * (PANEL + GAP);
            String d = directions.get(p);
            panels.add(Model.map("x", Model.px(x), "title", d + " (" + unit + ")", "title_y", Model.px(TOP - 12),
                    "top", Model.px(TOP - 4), "bottom", Model.px(bottom),
                    "max_x", Model.px(x + plot), "max", figure(scale.get(d), unit)));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        String previousHost = null;
        boolean stripe = true;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!r.host().equals(previousHost)) {
                stripe = !stripe;
                previousHost = r.host();
            }
            double y = TOP + i * ROW;
            double textY = y + ROW / 2 + 4;
            List<Map<String, Object>> bars = new ArrayList<>();
            String worst = "NONE";
            for (Bar b : r.bars()) {
                int p = directions.indexOf(b.direction());
                if (p < 0) {
                    throw new IllegalArgumentException("no panel for direction " + b.direction());
                }
                double x = LABEL_WIDTH + p * (PANEL + GAP);
                double k = plot / scale.get(b.direction());
                double w = value(b.measured()) * k;
                worst = FindingsGrid.worse(worst, b.severity());
                bars.add(Model.map("direction", b.direction(), "verdict", b.severity(),
                        "css", "sev-" + ReportModel.sevClass(b.severity()),
                        "x", Model.px(x), "y", Model.px(y + (ROW - BAR) / 2), "w", Model.px(w), "h", Model.px(BAR),
                        "y1", Model.px(y + 2), "y2", Model.px(y + ROW - 2), "text_y", Model.px(textY),
                        "spec_x", b.spec() == null ? null : Model.px(x + b.spec() * k),
                        "median_x", b.median() == null ? null : Model.px(x + b.median() * k),
                        "value_x", Model.px(x + w + 5),
                        "value", b.measured() == null ? "not measured" : figure(b.measured(), unit),
                        "mark", mark(b.severity()),
                        "mark_x", Model.px(x + w + 5 + 8 * (b.measured() == null ? 12 : figure(b.measured(), unit).length())),
                        "title", b.detail()));
            }
            out.add(Model.map("host", r.host(), "item", r.item(), "label", r.label(), "verdict", worst,
                    "stripe", stripe, "y", Model.px(y), "text_y", Model.px(textY), "bars", bars));
        }
        double width = LABEL_WIDTH + directions.size() * (PANEL + GAP);
        return Model.map("width", Model.px(width), "height", Model.px(bottom + 8), "row_h", Model.px(ROW),
                "panels", panels, "rows", out);
    }

    /** The text mark of a result the reader must not miss: colour alone fails a colour-blind reader and a grey printer. */
    static String mark(String severity) {
        return switch (severity) {
            case "FAIL" -> "✗ FAIL";
            case "WARN" -> "! WARN";
            default -> null;
        };
    }

    static String figure(double v, String unit) {
        return String.format(Locale.ROOT, "%.0f %s", v, unit);
    }

    private static double value(Double v) {
        return v == null ? 0 : v;
    }
}
