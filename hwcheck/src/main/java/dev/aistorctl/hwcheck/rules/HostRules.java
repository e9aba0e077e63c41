package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The implementation of every per-host rule id of the catalog. */
public final class HostRules {
    private static final Map<String, HostRule> RULES = Map.ofEntries(
            Map.entry("cpu.architecture", CpuRules::architecture),
            Map.entry("cpu.model", CpuRules::model),
            Map.entry("cpu.cores", CpuRules::cores),
            Map.entry("cpu.max_mhz", CpuRules::maxMhz),
            Map.entry("memory.total", MemoryRules::total),
            Map.entry("memory.speed", MemoryRules::speed),
            Map.entry("nvme.count", NvmeRules::count),
            Map.entry("nvme.model", NvmeRules::model),
            Map.entry("nvme.same_model", NvmeRules::sameModel),
            Map.entry("nvme.size", NvmeRules::size),
            Map.entry("nvme.health", NvmeHealthRules::health),
            Map.entry("nvme.wear", NvmeHealthRules::wear),
            Map.entry("nvme.pcie_link", NvmeHealthRules::pcieLink),
            Map.entry("nic.speed", NicRules::speed),
            Map.entry("nic.pcie_link", NicRules::pcieLink),
            Map.entry("pcie.downgraded", PcieRules::downgraded),
            Map.entry("pcie.port_downgraded", PcieRules::downgraded),
            Map.entry("os.release", OsRules::release),
            Map.entry("cpufreq.governor", OsRules::governor));

    private HostRules() {
    }

    public static Optional<HostRule> find(String id) {
        return Optional.ofNullable(RULES.get(id));
    }

    /** Runs every per-host rule the profile switches on, in the profile's order. */
    public static List<Finding> check(HardwareProfile profile, HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (RuleSettings settings : profile.rules()) {
            HostRule rule = RULES.get(settings.id());
            if (rule != null) {
                findings.addAll(rule.check(facts, settings));
            }
        }
        return findings;
    }
}
