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
 * run (drives, tune, node install …) gives the phases. A provision.json that records its own stages (facts, hardware,
 * plan, go-ahead, apply, proof) adds a band per stage above them, the stages inside apply (pre-flight, health wait)
 * among the runs' bands, and a bar per host where a stage works host by host (facts, the S3 proof): the whole
 * provision is then on the axis, with no span left unexplained. An older provision.json, without stages, draws the
 * runs alone.
 */
final class Timeline {
    static final double LABEL_WIDTH = 150;
    static final double PLOT_WIDTH = 820;
    static final double TOP = 46;
    static final double BAND = 30;
    static final double BAND_GAP = 4;
    static final double LANE = 26;
    static final double BAR = 16;
    /** An SVG label's width per character, roughly, at the chart's font size: a narrower band keeps only its tooltip. */
    static final double CHAR_WIDTH = 6.5;
    /** The css of a host's bar in a provision stage (facts gathered, S3 round trip) that went well. */
    static final String STAGE_BAR = "st-stage";

    private record Bar(String host, String phase, String step, String status, String css, Instant start, Instant end) {
    }

    /** A band: row 0 holds provision's stages, row 1 the playbook runs and the stages inside a stage. */
    private record Band(String label, String css, int row, Instant start, Instant end) {
    }

    private Timeline() {
    }

    /** The SVG's model from the journals alone (a provision.json without stages), or null when they hold no step results. */
    static Map<String, Object> of(List<JsonNode> events) {
        return of(events, Model.missing());
    }

    /**
     * The SVG's model, or null when there is nothing to draw.
     *
     * @param events    the journals of the runs the provision made, run after run
     * @param provision provision.json: its {@code stages} when it has them, and the runs it names (the drive owners run)
     */
    static Map<String, Object> of(List<JsonNode> events, JsonNode provision) {
        List<Bar> bars = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        Map<String, Integer> lanes = new LinkedHashMap<>();
        stages(provision.path("stages"), 0, bands, bars, lanes);
        boolean withStages = !bands.isEmpty();
        runs(events, runLabels(events, provision), withStages ? 1 : 0, bands, bars, lanes);
        if (bars.isEmpty() && !withStages) {
            return null;
        }
        Instant t0 = null;
        Instant t1 = null;
        for (Bar b : bars) {
            t0 = t0 == null || b.start().isBefore(t0) ? b.start() : t0;
            t1 = t1 == null || b.end().isAfter(t1) ? b.end() : t1;
        }
        for (Band p : bands) {
            t0 = t0 == null || p.start().isBefore(t0) ? p.start() : t0;
            t1 = t1 == null || p.end().isAfter(t1) ? p.end() : t1;
        }
        double top = TOP + (withStages ? BAND + BAND_GAP : 0);
        double span = Math.max(1, Duration.between(t0, t1).toMillis());
        Instant origin = t0;
        java.util.function.Function<Instant, Double> x = t -> LABEL_WIDTH + PLOT_WIDTH * Duration.between(origin, t).toMillis() / span;

        List<Map<String, Object>> laneModels = new ArrayList<>();
        lanes.forEach((host, i) -> laneModels.add(Model.map(
                "host", host,
                "y", Model.px(top + i * LANE),
                "text_y", Model.px(top + i * LANE + LANE / 2 + 4),
                "stripe", i % 2 == 0)));
        List<Map<String, Object>> barModels = new ArrayList<>();
        for (Bar b : bars) {
            double bx = x.apply(b.start());
            // A step of a few milliseconds still gets a visible sliver.
            double bw = Math.max(2, x.apply(b.end()) - bx);
            barModels.add(Model.map(
                    "x", Model.px(bx), "y", Model.px(top + lanes.get(b.host()) * LANE + (LANE - BAR) / 2),
                    "w", Model.px(bw), "h", Model.px(BAR),
                    "css", b.css(),
                    "title", b.host() + " · " + b.phase() + " · " + b.step() + " · " + b.status() + " · "
                            + String.format(Locale.ROOT, "%.1f s", Duration.between(b.start(), b.end()).toMillis() / 1000.0)));
        }
        List<Map<String, Object>> bandModels = new ArrayList<>();
        for (Band p : bands) {
            double px = x.apply(p.start());
            double pw = Math.max(2, x.apply(p.end()) - px);
            double y = 4 + p.row() * (BAND + BAND_GAP);
            // The runs' labels are drawn whatever their width, as they always were; a stage's only where it fits.
            boolean fits = p.css().equals("phase") || pw >= p.label().length() * CHAR_WIDTH + 6;
            bandModels.add(Model.map("x", Model.px(px), "w", Model.px(pw), "y", Model.px(y), "h", Model.px(BAND),
                    "css", p.css(), "label", fits ? p.label() : null,
                    "label_x", Model.px(px + 3), "label_y", Model.px(y + 19),
                    "title", p.label() + ": " + String.format(Locale.ROOT, "%.1f s",
                            Duration.between(p.start(), p.end()).toMillis() / 1000.0)));
        }
        double height = top + lanes.size() * LANE + 24;
        List<Map<String, Object>> ticks = new ArrayList<>();
        long step = tickStep((long) span);
        for (long t = 0; t <= span; t += step) {
            double tx = LABEL_WIDTH + PLOT_WIDTH * t / span;
            ticks.add(Model.map("x", Model.px(tx), "label", seconds(t), "y1", Model.px(top - 4),
                    "y2", Model.px(height - 20), "text_y", Model.px(height - 6)));
        }
        return Model.map(
                "width", Model.px(LABEL_WIDTH + PLOT_WIDTH + 20), "height", Model.px(height),
                "lanes", laneModels, "bars", barModels, "phases", bandModels, "ticks", ticks,
                "with_stages", withStages,
                "lane_width", Model.px(PLOT_WIDTH + LABEL_WIDTH),
                "total", seconds((long) span), "started", Model.when(t0.toString()), "finished", Model.when(t1.toString()));
    }

    /** The provision's stages as bands (row 0; the stages inside one, row 1) and each host's part of a stage as a bar. */
    private static void stages(JsonNode stages, int row, List<Band> bands, List<Bar> bars, Map<String, Integer> lanes) {
        for (JsonNode s : stages) {
            Instant start = instant(s.path("started").asText(null));
            Instant end = instant(s.path("finished").asText(null));
            if (start == null || end == null) {
                continue;
            }
            String label = stageLabel(s.path("stage").asText("stage"));
            bands.add(new Band(label, "stage", Math.min(row, 1), start, end));
            for (JsonNode h : s.path("hosts")) {
                String host = h.path("host").asText(null);
                Instant hs = instant(h.path("started").asText(null));
                Instant he = instant(h.path("finished").asText(null));
                if (host == null || hs == null || he == null) {
                    continue;
                }
                lanes.putIfAbsent(host, lanes.size());
                boolean ok = h.path("ok").asBoolean(false);
                bars.add(new Bar(host, label, hostWork(s.path("stage").asText("")), ok ? "ok" : "failed",
                        ok ? STAGE_BAR : statusClass("failed"), hs, he));
            }
            stages(s.path("stages"), row + 1, bands, bars, lanes);
        }
    }

    /** The playbook runs' bands (in {@code row}) and their steps' bars. */
    private static void runs(List<JsonNode> events, Map<String, String> labels, int row, List<Band> bands, List<Bar> bars,
                             Map<String, Integer> lanes) {
        String phase = "run";
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
                    phase = labels.getOrDefault(e.path("run_id").asText(""), e.path("playbook").asText("run"));
                    phaseStart = ts;
                }
                case "run_end" -> {
                    if (phaseStart != null) {
                        bands.add(new Band(phase, "phase", row, phaseStart, ts));
                        phaseStart = null;
                    }
                }
                case "step_result" -> {
                    if (host != null) {
                        // The result is written when the step ends; its duration places the start.
                        Instant start = ts.minusMillis(Math.max(0, e.path("duration_ms").asLong(0)));
                        String status = e.path("status").asText("unknown");
                        bars.add(new Bar(host, phase, e.path("name").asText("step " + e.path("step").asText()),
                                status, statusClass(status), start, ts));
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * What a run is called on the axis: its playbook; "plan …" for a dry run (provision plans every playbook before
     * it applies any); "drive owners" for the drives playbook run again to hand the drives' roots to the service user.
     */
    private static Map<String, String> runLabels(List<JsonNode> events, JsonNode provision) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode e : events) {
            if (e.path("event").asText("").equals("run_end") && e.path("result").path("dry_run").asBoolean(false)) {
                JsonNode r = e.path("result");
                labels.put(r.path("run_id").asText(""), "plan " + r.path("playbook").asText("run"));
            }
        }
        String owners = provision.path("runs").path("drive_owners").path("run_id").asText("");
        if (!owners.isEmpty()) {
            labels.put(owners, "drive owners");
        }
        return labels;
    }

    static String stageLabel(String stage) {
        return switch (stage) {
            case "hardware" -> "hardware verdicts";
            case "go_ahead" -> "go-ahead";
            case "preflight" -> "pre-flight";
            case "health" -> "health wait";
            case "proof" -> "S3 proof";
            default -> stage.replace('_', ' ');
        };
    }

    /** What one host did in a stage that works host by host. */
    private static String hostWork(String stage) {
        return switch (stage) {
            case "facts" -> "gather facts";
            case "proof" -> "S3 round trip";
            default -> "host's part";
        };
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
