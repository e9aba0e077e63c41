package dev.aistorctl.hwcheck.rules;

import static dev.aistorctl.hwcheck.profile.ParamType.BYTES;
import static dev.aistorctl.hwcheck.profile.ParamType.INTEGER;
import static dev.aistorctl.hwcheck.profile.ParamType.NUMBER;
import static dev.aistorctl.hwcheck.profile.ParamType.STRING_LIST;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.hwcheck.profile.NicKinds;
import dev.aistorctl.hwcheck.profile.ParamType;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.RuleSpec;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.profile.VectorExtensions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule a profile can switch on, each registered once: its id, the parameters it accepts (with
 * which are required and their defaults), its default severity, and its evaluation. The profile
 * loader rejects anything not listed here, so a typo in a site's profile is an error instead of a
 * check that silently never runs. The order here is the order findings are reported in.
 */
public final class RuleCatalog {
    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        host("cpu.architecture", Map.of("one_of", STRING_LIST), Set.of("one_of"), Map.of(), Severity.FAIL, CpuRules::architecture);
        host("cpu.model", Map.of("matches", STRING_LIST), Set.of("matches"), Map.of(), Severity.FAIL, CpuRules::model);
        host("cpu.cores", Map.of("min", INTEGER, "max", INTEGER, "equals", INTEGER), Set.of("min", "max", "equals"), Map.of(),
                Severity.FAIL, CpuRules::cores);
        host("cpu.max_mhz", Map.of("min", NUMBER), Set.of("min"), Map.of(), Severity.FAIL, CpuRules::maxMhz);
        // MinIO's checklist: SSE 4.2 and AVX2 on x86; the arm64 equivalent is Advanced SIMD.
        add(new Rule(new RuleSpec("cpu.vector_extensions", Map.of(VectorExtensions.X86, STRING_LIST, VectorExtensions.ARM64, STRING_LIST),
                Set.of(), Map.of(VectorExtensions.X86, List.of("sse4_2", "avx2"), VectorExtensions.ARM64, List.of("asimd")), Severity.FAIL,
                VectorExtensions::problem), CpuRules::vectorExtensions, null));
        host("cpu.min_physical_cores", Map.of("min", INTEGER), Set.of(), Map.of("min", 8L), Severity.FAIL, CpuRules::minPhysicalCores);
        // 4 %: MemTotal lacks the page map (64 B per 4 KiB page, 1.6 %), firmware-reserved ranges and the
        // crash kernel, about 2-3 % on a 512 GiB arm64 server; one missing DIMM of a 512 GiB build is >= 6.25 %.
        host("memory.total", Map.of("min", BYTES, "kernel_reserve_percent", NUMBER), Set.of("min"),
                Map.of("kernel_reserve_percent", 4.0), Severity.FAIL, MemoryRules::total);
        host("memory.speed", Map.of("min_mts", INTEGER), Set.of("min_mts"), Map.of(), Severity.FAIL, MemoryRules::speed);
        host("memory.swap_active", Map.of(), Set.of(), Map.of(), Severity.WARN, SystemTuningRules::swapActive);
        host("memory.thp", Map.of("one_of", STRING_LIST), Set.of(), Map.of("one_of", List.of("madvise")), Severity.WARN, SystemTuningRules::thp);
        host("nvme.count", Map.of("min", INTEGER, "max", INTEGER, "equals", INTEGER), Set.of("min", "max", "equals"), Map.of(),
                Severity.FAIL, NvmeRules::count);
        host("nvme.model", Map.of("matches", STRING_LIST), Set.of("matches"), Map.of(), Severity.FAIL, NvmeRules::model);
        host("nvme.same_model", Map.of(), Set.of(), Map.of(), Severity.FAIL, NvmeRules::sameModel);
        host("nvme.size", Map.of("min", BYTES, "max", BYTES), Set.of("min", "max"), Map.of(), Severity.FAIL, NvmeRules::size);
        host("nvme.health", Map.of("max_media_errors", INTEGER), Set.of(), Map.of("max_media_errors", 0L), Severity.FAIL,
                NvmeHealthRules::health);
        host("nvme.wear", Map.of("max_percentage_used", INTEGER), Set.of("max_percentage_used"), Map.of(), Severity.WARN,
                NvmeHealthRules::wear);
        host("nvme.numa_local", Map.of("kinds", STRING_LIST), Set.of(), Map.of("kinds", List.of(NicKinds.PHYSICAL)), Severity.WARN,
                NumaRules::nvmeLocal);
        host("nvme.pcie_link", Map.of("min_speed_gts", NUMBER, "min_width", INTEGER), Set.of("min_speed_gts", "min_width"),
                Map.of(), Severity.FAIL, NvmeHealthRules::pcieLink);
        host("nic.speed", Map.of("min_mbps", INTEGER, "count", INTEGER, "kinds", STRING_LIST), Set.of("min_mbps"),
                Map.of("count", 1L, "kinds", List.of(NicKinds.PHYSICAL)), Severity.FAIL, NicRules::speed);
        host("nic.pcie_link", Map.of("min_speed_gts", NUMBER, "min_width", INTEGER, "for_speed_mbps", INTEGER),
                Set.of("min_speed_gts", "min_width"), Map.of("for_speed_mbps", 0L), Severity.FAIL, NicRules::pcieLink);
        host("nic.numa_local", Map.of("kinds", STRING_LIST), Set.of(), Map.of("kinds", List.of(NicKinds.PHYSICAL)), Severity.WARN,
                NumaRules::nicLocal);
        host("network.mtu_consistent", Map.of("mtu", INTEGER, "kinds", STRING_LIST), Set.of("mtu"), Map.of("kinds", List.of(NicKinds.PHYSICAL)),
                Severity.FAIL, NetworkRules::mtuConsistent);
        // Endpoints by default: a storage or network device below its own capability is always a fault.
        host("pcie.downgraded", Map.of("classes", STRING_LIST), Set.of(), Map.of("classes", List.of("0108", "02")), Severity.FAIL,
                PcieRules::downgraded);
        // Ports only warn: without the topology we cannot tell a fault from a port above a slower device.
        host("pcie.port_downgraded", Map.of("classes", STRING_LIST), Set.of(), Map.of("classes", List.of("0604")), Severity.WARN,
                PcieRules::downgraded);
        host("os.release", Map.of("id", STRING_LIST, "version_id", STRING_LIST), Set.of("id"), Map.of(), Severity.FAIL,
                OsRules::release);
        // A bootloader setting: a warning with the kernel argument to add, never a refusal to install.
        host("kernel.iommu", Map.of(), Set.of(), Map.of(), Severity.WARN, SystemTuningRules::iommu);
        host("time.synchronised", Map.of(), Set.of(), Map.of(), Severity.WARN, SystemTuningRules::timeSynchronised);
        host("cpufreq.governor", Map.of("one_of", STRING_LIST), Set.of("one_of"), Map.of(), Severity.WARN, OsRules::governor);

        hosts("consistency.drive_model", Severity.FAIL, new Comparison("NVMe models",
                f -> ConsistencyRules.drives(f, NvmeDrive::model), Objects::equals, Unknown.NVME, Comparison.CHECK_THE_PARTS));
        hosts("consistency.drive_size", Severity.FAIL, new Comparison("NVMe sizes",
                f -> ConsistencyRules.drives(f, d -> d.sizeBytes() == null ? null : ByteSize.precise(d.sizeBytes())), Objects::equals,
                Unknown.NVME, Comparison.CHECK_THE_PARTS));
        hosts("consistency.cpu_model", Severity.FAIL, new Comparison("CPU model", ConsistencyRules::cpuModel, Objects::equals,
                Unknown.CPU, Comparison.CHECK_THE_PARTS));
        hosts("consistency.cpu_cores", Severity.FAIL, new Comparison("core count",
                f -> f.cpu() == null || f.cpu().cores() == null ? null : f.cpu().cores() + " cores", Objects::equals, Unknown.CPU,
                Comparison.CHECK_THE_PARTS));
        hosts("consistency.memory", Severity.FAIL, new Comparison("memory", ConsistencyRules::memory, ConsistencyRules::sameMemory,
                Unknown.MEMINFO, Comparison.CHECK_THE_PARTS));
        hosts("consistency.nic_speed", Severity.FAIL, new Comparison("fastest NIC", ConsistencyRules::nicSpeed, Objects::equals,
                Unknown.NICS, Comparison.CHECK_THE_PARTS));
        // Firmware and kernel are fixed by an update, not a hardware swap; they still make hosts behave differently.
        hosts("consistency.drive_firmware", Severity.WARN, new Comparison("NVMe firmware",
                f -> ConsistencyRules.drives(f, NvmeDrive::firmware), Objects::equals, Unknown.NVME,
                "update the drive firmware to the same release on every host before formatting"));
        hosts("consistency.kernel", Severity.WARN, new Comparison("kernel", f -> f.os() == null ? null : f.os().kernel(),
                Objects::equals, Unknown.KERNEL, "install the same kernel on every host (apt policy linux-image-generic) and reboot"));
        // Judged by accept on measured throughput, not on facts: the profile gives the figures and fractions.
        measured("accept.drive_spec", Map.of("models", STRING_LIST, "read_mbps", NUMBER, "write_mbps", NUMBER,
                "tolerance_percent", NUMBER), Set.of("read_mbps", "write_mbps"), Map.of("tolerance_percent", 80.0), Severity.FAIL);
        measured("accept.drive_peers", Map.of("fraction_percent", NUMBER), Set.of(), Map.of("fraction_percent", 70.0), Severity.FAIL);
        measured("accept.network_spec", Map.of("tolerance_percent", NUMBER), Set.of(), Map.of("tolerance_percent", 70.0), Severity.FAIL);
        measured("accept.network_peers", Map.of("fraction_percent", NUMBER), Set.of(), Map.of("fraction_percent", 70.0), Severity.FAIL);
        measured("accept.s3_spec", Map.of("tolerance_percent", NUMBER), Set.of(), Map.of("tolerance_percent", 50.0), Severity.FAIL);
        measured("accept.s3_peers", Map.of("fraction_percent", NUMBER), Set.of(), Map.of("fraction_percent", 70.0), Severity.FAIL);
    }

    private RuleCatalog() {
    }

    /** A rule checked on each host's facts alone. */
    private static void host(String id, Map<String, ParamType> params, Set<String> oneRequired, Map<String, Object> defaults,
                             Severity severity, HostRule check) {
        add(new Rule(new RuleSpec(id, params, oneRequired, defaults, severity), check, null));
    }

    /** A rule judged on measurements (accept), which neither verify-hardware nor provision's hardware stage runs. */
    private static void measured(String id, Map<String, ParamType> params, Set<String> oneRequired, Map<String, Object> defaults,
                                 Severity severity) {
        add(new Rule(new RuleSpec(id, params, oneRequired, defaults, severity), null, null));
    }

    /** A rule that compares the hosts of a cluster; it takes no parameters. */
    private static void hosts(String id, Severity severity, Comparison comparison) {
        add(new Rule(new RuleSpec(id, Map.of(), Set.of(), Map.of(), severity), null, comparison));
    }

    private static void add(Rule rule) {
        if (RULES.putIfAbsent(rule.id(), rule) != null) {
            throw new IllegalStateException("rule registered twice: " + rule.id());
        }
    }

    public static Optional<RuleSpec> find(String id) {
        return Optional.ofNullable(RULES.get(id)).map(Rule::spec);
    }

    /** All rules in catalog order, which is also the order findings are reported in. */
    public static List<RuleSpec> all() {
        return RULES.values().stream().map(Rule::spec).toList();
    }

    public static List<String> sections() {
        return all().stream().map(RuleSpec::section).distinct().toList();
    }

    public static List<String> rulesIn(String section) {
        return all().stream().filter(s -> s.section().equals(section)).map(RuleSpec::name).toList();
    }

    /** Settings with the catalog defaults only; for code that runs a rule without a profile. */
    public static RuleSettings defaults(String id) {
        RuleSpec spec = find(id).orElseThrow(() -> new IllegalArgumentException("no such rule: " + id));
        return new RuleSettings(id, spec.defaultSeverity(), spec.defaultSeverity(), spec.defaults(), "built-in defaults");
    }

    static Optional<Rule> rule(String id) {
        return Optional.ofNullable(RULES.get(id));
    }

    static List<Rule> rules() {
        return List.copyOf(RULES.values());
    }
}
