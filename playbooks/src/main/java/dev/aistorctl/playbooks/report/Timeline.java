package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as a picture: one lane per host, one bar per step, placed by the journal's timestamps, so that hosts
 * working side by side show as overlapping bars and a slow host stands out. Above the lanes, one band per playbook
 * run (drives, tune, node install …) gives the phases.
 */
final class Timeline {
    static final double LABEL_WIDTH = 150;
    static final double PLOT_WIDTH = 820;
    static final double TOP = 46;
    static final double LANE = 26;
    static final double BAR = 16;

    private record Bar(String host, String playbook, String step, String status, Instant start, Instant end) {
    }

    private record Phase(String playbook, Instant start, Instant end) {
    }

    private Timeline() {
    }

    /** The SVG's model, or null when the journal has no step results to draw. */
    static Map<String, Object> of(List<JsonNode> events) {
        List<Bar> bars = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        Map<String, Integer> lanes = new LinkedHashMap<>();
        String playbook = "run";
        Instant phaseStart = null;
        for (JsonNode e : events) {
            Instant ts = instant(e.path("ts").asText(null));
            if (ts == null) {
                continue;
            }
            String event = e.path("event").asText("");
            String host = e.path("host").asText(null);
            if (host != null) {
                lanes.putIfAbsent(host, lanes.size());
            }
            switch (event) {
                case "run_start" -> {
                    playbook = e.path("playbook").asText("run");
                    phaseStart = ts;
                }
                case "run_end" -> {
                    if (phaseStart != null) {
                        phases.add(new Phase(playbook, phaseStart, ts));
                        phaseStart = null;
                    }
                }
                case "step_result" -> {
                    if (host != null) {
                        // The result is written when the step ends; its duration places the start.
                        Instant start = ts.minusMillis(Math.max(0, e.path("duration_ms").asLong(0)));
                        bars.add(new Bar(host, playbook, e.path("name").asText("step " + e.path("step").asText()),
                                e.path("status").asText("unknown"), start, ts));
                    }
                }
                default -> {
                }
            }
        }
        if (bars.isEmpty()) {
            return null;
        }
        Instant t0 = bars.stream().map(Bar::start).min(Instant::compareTo).orElseThrow();
        Instant t1 = bars.stream().map(Bar::end).max(Instant::compareTo).orElseThrow();
        for (Phase p : phases) {
            t0 = p.start().isBefore(t0) ? p.start() : t0;
            t1 = p.end().isAfter(t1) ? p.end() : t1;
        }
        double span = Math.max(1, Duration.between(t0, t1).toMillis());
        Instant origin = t0;
        java.util.function.Function<Instant, Double> x = t -> LABEL_WIDTH + PLOT_WIDTH * Duration.between(origin, t).toMillis() / span;

        List<Map<String, Object>> laneModels = new ArrayList<>();
        lanes.forEach((host, i) -> laneModels.add(Model.map(
                "host", host,
                "y", Model.px(TOP + i * LANE),
                "text_y", Model.px(TOP + i * LANE + LANE / 2 + 4),
                "stripe", i % 2 == 0)));
        List<Map<String, Object>> barModels = new ArrayList<>();
        for (Bar b : bars) {
            double bx = x.apply(b.start());
            // A step of a few milliseconds still gets a visible sliver.
            double bw = Math.max(2, x.apply(b.end()) - bx);
            double seconds = Duration.between(b.start(), b.end()).toMillis() / 1000.0;
            barModels.add(Model.map(
                    "x", Model.px(bx), "y", Model.px(TOP + lanes.get(b.host()) * LANE + (LANE - BAR) / 2),
                    "w", Model.px(bw), "h", Model.px(BAR),
                    "css", statusClass(b.status()),
                    "title", b.host() + " · " + b.playbook() + " · " + b.step() + " · " + b.status() + " · "
                            + String.format(Locale.ROOT, "%.1f s", seconds)));
        }
        List<Map<String, Object>> phaseModels = new ArrayList<>();
        for (Phase p : phases) {
            double px = x.apply(p.start());
            double pw = Math.max(2, x.apply(p.end()) - px);
            phaseModels.add(Model.map("x", Model.px(px), "w", Model.px(pw), "label", p.playbook(),
                    "label_x", Model.px(px + 3),
                    "title", p.playbook() + ": " + String.format(Locale.ROOT, "%.1f s",
                            Duration.between(p.start(), p.end()).toMillis() / 1000.0)));
        }
        double height = TOP + lanes.size() * LANE + 24;
        List<Map<String, Object>> ticks = new ArrayList<>();
        long step = tickStep((long) span);
        for (long t = 0; t <= span; t += step) {
            double tx = LABEL_WIDTH + PLOT_WIDTH * t / span;
            ticks.add(Model.map("x", Model.px(tx), "label", seconds(t), "y1", Model.px(TOP - 4),
                    "y2", Model.px(height - 20), "text_y", Model.px(height - 6)));
        }
        return Model.map(
                "width", Model.px(LABEL_WIDTH + PLOT_WIDTH + 20), "height", Model.px(height),
                "lanes", laneModels, "bars", barModels, "phases", phaseModels, "ticks", ticks,
                "lane_width", Model.px(PLOT_WIDTH + LABEL_WIDTH),
                "total", seconds((long) span), "started", Model.when(t0.toString()), "finished", Model.when(t1.toString()));
    }

    static String statusClass(String status) {
        return switch (status) {
            case "ok", "changed", "failed", "skipped" -> "st-" + status;
            default -> "st-other";
        };
    }

    /** A tick every 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10 … min: the first that gives at most ten ticks. */
    static long tickStep(long spanMs) {
        long[] steps = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
            600_000, 900_000, 1_800_000, 3_600_000};
        for (long s : steps) {
            if (spanMs / s <= 10) {
                return s;
            }
        }
        return Math.max(3_600_000, spanMs / 10);
    }

    private static String seconds(long ms) {
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min" + (ms % 60_000 >= 1000 ? " " + (ms % 60_000) / 1000 + " s" : "");
    }

    private static Instant instant(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
