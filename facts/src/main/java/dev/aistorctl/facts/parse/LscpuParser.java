package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.CpuFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lscpu, as text (flat, or the indented tree of util-linux 2.38+) or as {@code lscpu -J} JSON
 * (flat list, or nested "children"). Both reduce to the same field map, so one interpretation
 * serves all four shapes.
 */
public final class LscpuParser {

    private LscpuParser() {
    }

    public static CpuFacts parse(String text) {
        return fromFields(fields(text));
    }

    /** Field name (without the trailing colon) to value, whatever the shape. */
    public static Map<String, String> fields(String text) {
        String t = text.stripLeading();
        if (t.startsWith("{")) {
            return jsonFields(t);
        }
        return KeyValues.parse(text, ':');
    }

    private static Map<String, String> jsonFields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            collect(dev.aistorctl.core.Json.mapper().readTree(json).path("lscpu"), out);
        } catch (IOException e) {
            throw new UncheckedIOException("lscpu -J output is not JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static void collect(JsonNode entries, Map<String, String> out) {
        for (JsonNode e : entries) {
            String field = e.path("field").asText("").strip();
            if (field.endsWith(":")) {
                field = field.substring(0, field.length() - 1);
            }
            if (!field.isEmpty() && !e.path("data").isNull()) {
                out.putIfAbsent(field, e.path("data").asText(""));
            }
            collect(e.path("children"), out);
        }
    }

    static CpuFacts fromFields(Map<String, String> f) {
        String arch = value(f, "Architecture");
        String vendor = value(f, "Vendor ID");
        String model = value(f, "Model name");
        String biosVendor = value(f, "BIOS Vendor ID");
        String biosModel = value(f, "BIOS Model name");
        boolean arm = arch != null && (arch.startsWith("aarch64") || arch.startsWith("arm"));

        // On Arm servers lscpu names the core ("Neoverse-N1"), and the part ("Ampere Altra Q80-30")
        // only as the BIOS model name; keep the core as core_type and prefer the core as model name
        // when both exist, because that is what every lscpu version prints.
        String coreType = arm ? model : null;
        if (model == null && biosModel != null) {
            model = biosModel;
        }

        Integer threads = Text.toInt(value(f, "CPU(s)"));
        Integer threadsPerCore = Text.toInt(value(f, "Thread(s) per core"));
        Integer coresPerSocket = Text.toInt(KeyValues.first(f, List.of("Core(s) per socket", "Core(s) per cluster")));
        Integer sockets = Text.toInt(value(f, "Socket(s)"));
        if (sockets == null && f.containsKey("Core(s) per cluster")) {
            sockets = Text.toInt(value(f, "Cluster(s)"));
        }
        Integer cores = sockets != null && coresPerSocket != null ? sockets * coresPerSocket : null;
        if (cores == null && threads != null && threadsPerCore != null && threadsPerCore > 0) {
            cores = threads / threadsPerCore;
        }
        String flags = value(f, "Flags");
        return new CpuFacts(arch, vendor, model, sockets, coresPerSocket, cores, threads,
                Text.toDouble(value(f, "CPU max MHz")), Text.toDouble(value(f, "CPU min MHz")),
                threadsPerCore, Text.toInt(value(f, "NUMA node(s)")), coreType, biosVendor, biosModel,
                flags == null ? null : Arrays.asList(flags.split("\\s+")));
    }

    /** lscpu prints "-" for a value it could not read. */
    private static String value(Map<String, String> f, String key) {
        String v = Text.blankToNull(f.get(key));
        return v == null || v.equals("-") ? null : v;
    }
}
