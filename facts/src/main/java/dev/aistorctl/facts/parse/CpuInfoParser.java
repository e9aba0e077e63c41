package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.CpuFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /proc/cpuinfo: one block per logical CPU. x86 names the model and the socket of each CPU; Arm
 * gives implementer and part codes only, so the model comes from the code table and sockets stay
 * unknown. The architecture is inferred from which of the two shapes it is.
 */
public final class CpuInfoParser {
    private CpuInfoParser() {
    }

    public static CpuFacts parse(String text) {
        List<Map<String, String>> cpus = blocks(text);
        List<Map<String, String>> processors = cpus.stream().filter(b -> b.containsKey("processor")).toList();
        if (processors.isEmpty()) {
            return new CpuFacts(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        Map<String, String> first = processors.get(0);
        int threads = processors.size();
        if (first.containsKey("CPU implementer")) {
            String impl = first.get("CPU implementer");
            String coreType = ArmCpuParts.part(impl, first.get("CPU part"));
            String features = Text.blankToNull(first.get("Features"));
            return new CpuFacts("aarch64", ArmCpuParts.implementer(impl), coreType, null, null, null, threads,
                    null, null, null, null, coreType, null, null,
                    features == null ? null : Arrays.asList(features.split("\\s+")));
        }
        Set<String> sockets = new HashSet<>();
        Set<String> cores = new HashSet<>();
        for (Map<String, String> p : processors) {
            if (p.containsKey("physical id")) {
                sockets.add(p.get("physical id"));
                cores.add(p.get("physical id") + "/" + p.get("core id"));
            }
        }
        Integer socketCount = sockets.isEmpty() ? null : sockets.size();
        Integer coreCount = cores.isEmpty() ? null : cores.size();
        Integer coresPerSocket = Text.toInt(first.get("cpu cores"));
        Integer threadsPerCore = coreCount == null ? null : threads / coreCount;
        String flags = Text.blankToNull(first.get("flags"));
        String arch = first.containsKey("vendor_id") ? "x86_64" : null;
        return new CpuFacts(arch, Text.blankToNull(first.get("vendor_id")), Text.blankToNull(first.get("model name")),
                socketCount, coresPerSocket, coreCount, threads, null, null, threadsPerCore, null, null, null, null,
                flags == null ? null : Arrays.asList(flags.split("\\s+")));
    }

    private static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : Text.lines(text)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int at = line.indexOf(':');
            if (at > 0) {
                current.putIfAbsent(line.substring(0, at).strip(), line.substring(at + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
