package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.NvmeHealth;

/**
 * {@code nvme smart-log DEV -o json}. nvme-cli 2.x before 2.10 prints {@code critical_warning} as a
 * number, later versions as an object with the bits spelled out and the number in "value".
 * Temperature is in kelvin.
 */
public final class NvmeSmartLogParser {
    private NvmeSmartLogParser() {
    }

    public static NvmeHealth parse(String json) {
        JsonNode n = Json.read(json, "nvme smart-log -o json");
        JsonNode warning = n.path("critical_warning");
        Integer critical = warning.isObject() ? Json.integer(warning.path("value")) : Json.integer(warning);
        Long kelvin = Json.number(n.path("temperature"));
        return new NvmeHealth(critical, Json.integer(n.path("percent_used")), Json.number(n.path("media_errors")),
                Json.integer(n.path("avail_spare")), kelvin == null || kelvin == 0 ? null : (int) (kelvin - 273),
                Json.number(n.path("power_on_hours")), Json.number(n.path("unsafe_shutdowns")),
                Json.number(n.path("num_err_log_entries")));
    }
}
