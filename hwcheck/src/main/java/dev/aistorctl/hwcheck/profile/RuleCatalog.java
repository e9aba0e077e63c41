package dev.aistorctl.hwcheck.profile;

import static dev.aistorctl.hwcheck.profile.ParamType.BYTES;
import static dev.aistorctl.hwcheck.profile.ParamType.INTEGER;
import static dev.aistorctl.hwcheck.profile.ParamType.NUMBER;
import static dev.aistorctl.hwcheck.profile.ParamType.STRING_LIST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule a profile can switch on, with the parameters it accepts. The profile loader rejects
 * anything not listed here, so a typo in a site's profile is an error instead of a check that
 * silently never runs.
 */
public final class RuleCatalog {
    private static final Map<String, RuleSpec> SPECS = new LinkedHashMap<>();

    static {
        add("cpu.architecture", Map.of("one_of", STRING_LIST), Set.of("one_of"), Map.of(), Severity.FAIL);
        add("cpu.model", Map.of("matches", STRING_LIST), Set.of("matches"), Map.of(), Severity.FAIL);
        add("cpu.cores", Map.of("min", INTEGER, "max", INTEGER, "equals", INTEGER), Set.of("min", "max", "equals"), Map.of(), Severity.FAIL);
        add("cpu.max_mhz", Map.of("min", NUMBER), Set.of("min"), Map.of(), Severity.FAIL);
        // 4 %: MemTotal lacks the page map (64 B per 4 KiB page, 1.6 %), firmware-reserved ranges and the
        // crash kernel, about 2-3 % on a 512 GiB arm64 server; one missing DIMM of a 512 GiB build is >= 6.25 %.
        add("memory.total", Map.of("min", BYTES, "kernel_reserve_percent", NUMBER), Set.of("min"),
                Map.of("kernel_reserve_percent", 4.0), Severity.FAIL);
        add("memory.speed", Map.of("min_mts", INTEGER), Set.of("min_mts"), Map.of(), Severity.FAIL);
        add("nvme.count", Map.of("min", INTEGER, "max", INTEGER, "equals", INTEGER), Set.of("min", "max", "equals"), Map.of(), Severity.FAIL);
        add("nvme.model", Map.of("matches", STRING_LIST), Set.of("matches"), Map.of(), Severity.FAIL);
        add("nvme.same_model", Map.of(), Set.of(), Map.of(), Severity.FAIL);
        add("nvme.size", Map.of("min", BYTES, "max", BYTES), Set.of("min", "max"), Map.of(), Severity.FAIL);
        add("nvme.health", Map.of("max_media_errors", INTEGER), Set.of(), Map.of("max_media_errors", 0L), Severity.FAIL);
        add("nvme.wear", Map.of("max_percentage_used", INTEGER), Set.of("max_percentage_used"), Map.of(), Severity.WARN);
        add("nvme.pcie_link", Map.of("min_speed_gts", NUMBER, "min_width", INTEGER), Set.of("min_speed_gts", "min_width"), Map.of(), Severity.FAIL);
        add("nic.speed", Map.of("min_mbps", INTEGER, "count", INTEGER, "kinds", STRING_LIST), Set.of("min_mbps"),
                Map.of("count", 1L, "kinds", List.of(NicKinds.PHYSICAL)), Severity.FAIL);
        add("nic.pcie_link", Map.of("min_speed_gts", NUMBER, "min_width", INTEGER, "for_speed_mbps", INTEGER),
                Set.of("min_speed_gts", "min_width"), Map.of("for_speed_mbps", 0L), Severity.FAIL);
        // Endpoints by default: a storage or network device below its own capability is always a fault.
        add("pcie.downgraded", Map.of("classes", STRING_LIST), Set.of(), Map.of("classes", List.of("0108", "02")), Severity.FAIL);
        // Ports only warn: without the topology we cannot tell a fault from a port above a slower device.
        add("pcie.port_downgraded", Map.of("classes", STRING_LIST), Set.of(), Map.of("classes", List.of("0604")), Severity.WARN);
        add("os.release", Map.of("id", STRING_LIST, "version_id", STRING_LIST), Set.of("id"), Map.of(), Severity.FAIL);
        add("cpufreq.governor", Map.of("one_of", STRING_LIST), Set.of("one_of"), Map.of(), Severity.WARN);
        for (String consistency : List.of("drive_model", "drive_size", "cpu_model", "cpu_cores", "memory", "nic_speed")) {
            add("consistency." + consistency, Map.of(), Set.of(), Map.of(), Severity.FAIL);
        }
        // Firmware and kernel are fixed by an update, not a hardware swap; they still make hosts behave differently.
        add("consistency.drive_firmware", Map.of(), Set.of(), Map.of(), Severity.WARN);
        add("consistency.kernel", Map.of(), Set.of(), Map.of(), Severity.WARN);
    }

    private RuleCatalog() {
    }

    private static void add(String id, Map<String, ParamType> params, Set<String> oneRequired,
                            Map<String, Object> defaults, Severity severity) {
        SPECS.put(id, new RuleSpec(id, params, oneRequired, defaults, severity));
    }

    public static Optional<RuleSpec> find(String id) {
        return Optional.ofNullable(SPECS.get(id));
    }

    /** All rules in catalog order, which is also the order findings are reported in. */
    public static List<RuleSpec> all() {
        return List.copyOf(SPECS.values());
    }

    public static List<String> sections() {
        return SPECS.values().stream().map(RuleSpec::section).distinct().toList();
    }

    public static List<String> rulesIn(String section) {
        return SPECS.values().stream().filter(s -> s.section().equals(section)).map(RuleSpec::name).toList();
    }
}
