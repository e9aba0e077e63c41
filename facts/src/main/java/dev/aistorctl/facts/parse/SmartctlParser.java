package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * smartctl for NVMe drives: {@code smartctl -a} text (7.x), {@code smartctl -a --json}, and
 * {@code smartctl --scan --json}. The drive identity and the NVMe health log are the same facts
 * nvme-cli gives, for hosts where smartmontools is installed and nvme-cli is not.
 */
public final class SmartctlParser {
    private SmartctlParser() {
    }

    /** Text or JSON, whichever it is. */
    public static NvmeDrive parse(String text) {
        return text.stripLeading().startsWith("{") ? parseJson(text) : parseText(text);
    }

    public static NvmeDrive parseText(String text) {
        Map<String, String> kv = KeyValues.parse(text, ':');
        String capacity = KeyValues.first(kv, List.of("Total NVM Capacity", "Namespace 1 Size/Capacity", "User Capacity"));
        NvmeHealth health = new NvmeHealth(
                hex(kv.get("Critical Warning")),
                Text.toInt(kv.get("Percentage Used")),
                Text.toLong(kv.get("Media and Data Integrity Errors")),
                Text.toInt(kv.get("Available Spare")),
                Text.toInt(kv.get("Temperature")),
                Text.toLong(kv.get("Power On Hours")),
                Text.toLong(kv.get("Unsafe Shutdowns")),
                Text.toLong(kv.get("Error Information Log Entries")));
        boolean hasHealth = kv.containsKey("Critical Warning") || kv.containsKey("Percentage Used");
        return new NvmeDrive(null, null, serialOrNull(KeyValues.first(kv, List.of("Model Number", "Device Model"))),
                serialOrNull(kv.get("Serial Number")), Text.blankToNull(kv.get("Firmware Version")),
                capacity == null ? null : Text.toLong(capacity.split("\\s")[0]),
                Text.toInt(kv.get("Namespace 1 Formatted LBA Size")), null, hasHealth ? health : null);
    }

    public static NvmeDrive parseJson(String json) {
        JsonNode n = Json.read(json, "smartctl --json");
        JsonNode log = n.path("nvme_smart_health_information_log");
        NvmeHealth health = log.isMissingNode() ? null : new NvmeHealth(
                Json.integer(log.path("critical_warning")), Json.integer(log.path("percentage_used")),
                Json.number(log.path("media_errors")), Json.integer(log.path("available_spare")),
                Json.integer(log.path("temperature")), Json.number(log.path("power_on_hours")),
                Json.number(log.path("unsafe_shutdowns")), Json.number(log.path("num_err_log_entries")));
        Long size = Json.number(n.path("user_capacity").path("bytes"));
        if (size == null) {
            size = Json.number(n.path("nvme_total_capacity"));
        }
        String device = Json.text(n.path("device").path("name"));
        return new NvmeDrive(device, NvmeListParser.controllerOf(device == null ? null : device + "n1"),
                Json.text(n.path("model_name")), serialOrNull(Json.text(n.path("serial_number"))),
                Json.text(n.path("firmware_version")), size, Json.integer(n.path("logical_block_size")), null, health);
    }

    /** Device names from {@code smartctl --scan --json}. */
    public static List<String> parseScan(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : Json.read(json, "smartctl --scan --json").path("devices")) {
            String name = Json.text(d.path("name"));
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** True for smartctl JSON that is a scan rather than one device. */
    public static boolean isScan(String json) {
        return Json.read(json, "smartctl --json").has("devices");
    }

    private static Integer hex(String v) {
        String t = Text.blankToNull(v);
        if (t == null) {
            return null;
        }
        try {
            return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Published captures anonymise serials to "--"; that is an unknown serial. */
    private static String serialOrNull(String v) {
        String t = Text.blankToNull(v);
        return t == null || t.equals("--") || t.equals("REDACTED") ? null : t;
    }
}
