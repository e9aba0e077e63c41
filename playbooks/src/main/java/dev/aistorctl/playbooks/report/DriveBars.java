package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every measured drive of every host, write and read alone (what the gates judge), against the spec figure of its
 * model and the median of its peers, as the drive gates of accept.json found them.
 */
final class DriveBars {
    static final List<String> DIRECTIONS = List.of("write", "read");
    static final String UNIT = "MB/s";

    private DriveBars() {
    }

    /** The bars of accept.json's {@code drives}, judged by its {@code findings}; null when no drive was measured. */
    static Map<String, Object> of(JsonNode accept) {
        List<ThroughputBars.Row> rows = new ArrayList<>();
        for (JsonNode host : accept.path("drives")) {
            String name = host.path("host").asText();
            for (JsonNode d : host.path("drives")) {
                String mount = d.path("mount").asText();
                List<JsonNode> findings = AcceptFindings.about(accept, name, "accept.drive_", mount);
                List<ThroughputBars.Bar> bars = new ArrayList<>();
                for (String direction : DIRECTIONS) {
                    Double measured = d.path(direction + "_mbps").isNumber() ? d.path(direction + "_mbps").asDouble() : null;
                    bars.add(AcceptFindings.bar(direction, measured, findings, name + " " + mount + " (" + identity(d) + ")", UNIT));
                }
                rows.add(new ThroughputBars.Row(name, mount, name + "  " + mount, bars));
            }
        }
        return ThroughputBars.of(DIRECTIONS, UNIT, rows);
    }

    /** What identifies the hardware behind a mount, as the findings name it: the serial, else the lab drive's image. */
    static String identity(JsonNode d) {
        String device = Model.text(d.path("device"));
        if (d.hasNonNull("serial")) {
            return device + ", serial " + d.path("serial").asText();
        }
        return d.hasNonNull("image") ? device + ", image " + d.path("image").asText() : device;
    }
}
