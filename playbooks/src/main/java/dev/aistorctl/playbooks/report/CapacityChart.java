package dev.aistorctl.playbooks.report;

import dev.aistorctl.core.text.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw and usable capacity per host as horizontal bars on one scale, so a host short of drives is obvious. */
final class CapacityChart {
    static final double LABEL_WIDTH = 150;
    static final double PLOT_WIDTH = 600;
    static final double ROW = 30;

    record HostCapacity(String host, long rawBytes, long usableBytes, int drives) {
    }

    private CapacityChart() {
    }

    static Map<String, Object> of(List<HostCapacity> hosts) {
        long max = hosts.stream().mapToLong(HostCapacity::rawBytes).max().orElse(0);
        if (max <= 0) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostCapacity h = hosts.get(i);
            double y = 10 + i * ROW;
            double raw = PLOT_WIDTH * h.rawBytes() / max;
            double usable = PLOT_WIDTH * h.usableBytes() / max;
            rows.add(Model.map("host", h.host(), "y", Model.px(y), "text_y", Model.px(y + 15),
                    "raw_w", Model.px(raw), "usable_w", Model.px(usable),
                    "value_x", Model.px(LABEL_WIDTH + raw + 6),
                    "label", ByteSize.decimalTwoPlaces(h.rawBytes()) + " raw · " + ByteSize.decimalTwoPlaces(h.usableBytes()) + " usable · "
                            + h.drives() + " drives"));
        }
        return Model.map("width", Model.px(LABEL_WIDTH + PLOT_WIDTH + 260), "height", Model.px(20 + hosts.size() * ROW + 20),
                "rows", rows, "plot_x", Model.px(LABEL_WIDTH), "legend_y", Model.px(20 + hosts.size() * ROW + 6));
    }
}
