package dev.aistorctl.workflows.inventory.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;

/**
 * Hosts with identical hardware: the same CPU (model, sockets, cores), the same memory, and the same
 * data drives (how many of which kind). A MinIO pool spreads every object over its hosts' drives
 * alike, so one pool holds one such group; {@code inventory init} writes a pool per group.
 *
 * @param description what the hosts have, for the pool's comment
 * @param hosts       the hosts' surveys, in the order the hosts were given
 */
public record HardwareGroup(String description, List<HostSurvey> hosts) {
    public HardwareGroup {
        hosts = List.copyOf(hosts);
    }

    /** Groups reachable hosts by their hardware; groups in the order of their first host. */
    public static List<HardwareGroup> of(List<HostSurvey> surveys) {
        Map<String, List<HostSurvey>> byKey = new LinkedHashMap<>();
        for (HostSurvey s : surveys) {
            if (s.reachable()) {
                byKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
            }
        }
        List<HardwareGroup> out = new ArrayList<>();
        byKey.forEach((key, hosts) -> out.add(new HardwareGroup(key, hosts)));
        return out;
    }

    public List<String> names() {
        return hosts.stream().map(HostSurvey::host).toList();
    }

    /** The drive kinds every host of the group has, with their count per host. */
    public List<Map.Entry<DataDriveKind, Integer>> kindCounts() {
        return hosts.get(0).kindCounts();
    }

    /** {@code aarch64 Neoverse-N1, 1 x 128 cores, 512 GiB; 8 x nvme "Micron_7500" 15.36 TB}: equal for equal hardware. */
    static String key(HostSurvey s) {
        HostFacts f = s.facts();
        CpuFacts cpu = f == null ? null : f.cpu();
        MemoryFacts mem = f == null ? null : f.memory();
        String cpuText = cpu == null ? "CPU unknown"
                : or(cpu.architecture()) + " " + or(cpu.modelName()) + ", " + (cpu.sockets() == null ? "?" : cpu.sockets())
                + " x " + (cpu.coresPerSocket() == null ? "?" : cpu.coresPerSocket()) + " cores";
        String memText = memory(mem);
        List<String> drives = new ArrayList<>();
        for (Map.Entry<DataDriveKind, Integer> e : s.kindCounts()) {
            drives.add(e.getValue() + " x " + e.getKey().describe());
        }
        return cpuText + ", " + memText + "; " + (drives.isEmpty() ? "no data drive" : String.join(", ", drives));
    }

    /**
     * The installed memory: the DIMMs' total when SMBIOS tells it, else MemTotal to the nearest GiB (the
     * kernel keeps back a slightly different amount on each boot, which must not split a pool).
     */
    private static String memory(MemoryFacts mem) {
        if (mem == null) {
            return "memory unknown";
        }
        if (mem.dimmTotalBytes() != null && mem.dimmTotalBytes() > 0) {
            return ByteSize.binary(mem.dimmTotalBytes()) + " in DIMMs";
        }
        if (mem.totalBytes() == null) {
            return "memory unknown";
        }
        long gib = Math.round(mem.totalBytes() / (double) (1L << 30));
        return gib + " GiB";
    }

    private static String or(String s) {
        return s == null ? "?" : s.strip();
    }
}
