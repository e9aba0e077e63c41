package dev.aistorctl.facts.parse;

import java.util.Map;

/**
 * Arm CPU implementer and part codes (as /proc/cpuinfo prints them) to names, the same table
 * lscpu uses. Needed because /proc/cpuinfo on Arm names no model, and old lscpu does not either.
 */
final class ArmCpuParts {
    private static final Map<String, String> IMPLEMENTERS = Map.of(
            "0x41", "ARM",
            "0xc0", "Ampere",
            "0x4e", "NVIDIA",
            "0x48", "HiSilicon",
            "0x51", "Qualcomm",
            "0x61", "Apple");

    private static final Map<String, String> ARM_PARTS = Map.ofEntries(
            Map.entry("0xd0c", "Neoverse-N1"),
            Map.entry("0xd40", "Neoverse-V1"),
            Map.entry("0xd49", "Neoverse-N2"),
            Map.entry("0xd4f", "Neoverse-V2"),
            Map.entry("0xd84", "Neoverse-V3"),
            Map.entry("0xd8e", "Neoverse-N3"),
            Map.entry("0xd4a", "Neoverse-E1"),
            Map.entry("0xd08", "Cortex-A72"),
            Map.entry("0xd0b", "Cortex-A76"),
            Map.entry("0xd03", "Cortex-A53"));

    private static final Map<String, String> AMPERE_PARTS = Map.of(
            "0xac3", "Ampere-1",
            "0xac4", "Ampere-1a",
            "0x000", "Ampere eMAG");

    private ArmCpuParts() {
    }

    static String implementer(String code) {
        return code == null ? null : IMPLEMENTERS.get(code.strip().toLowerCase(java.util.Locale.ROOT));
    }

    static String part(String implementerCode, String partCode) {
        if (implementerCode == null || partCode == null) {
            return null;
        }
        String impl = implementerCode.strip().toLowerCase(java.util.Locale.ROOT);
        String part = partCode.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (impl) {
            case "0x41" -> ARM_PARTS.get(part);
            case "0xc0" -> AMPERE_PARTS.get(part);
            default -> null;
        };
    }
}
