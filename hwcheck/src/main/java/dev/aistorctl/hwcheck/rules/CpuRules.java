package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.core.text.Glob;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** cpu.architecture, cpu.model, cpu.cores, cpu.max_mhz, cpu.vector_extensions, cpu.min_physical_cores. */
final class CpuRules {
    private static final String LSCPU_HINT = "install util-linux (lscpu) on the host";
    private static final String WRONG_CPU = "this is not the processor the profile describes; check the server model and BIOS";

    private CpuRules() {
    }

    static List<Finding> architecture(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> allowed = s.strings("one_of");
        String expected = String.join(" or ", allowed);
        CpuFacts cpu = facts.cpu();
        if (cpu == null || cpu.architecture() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPU, "CPU architecture", LSCPU_HINT), null));
        }
        String actual = cpu.architecture();
        boolean ok = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(actual));
        return List.of(ok ? o.pass(expected, actual, "architecture " + actual, null)
                : o.deviation(expected, actual, "architecture is " + actual + ", the profile needs " + expected, WRONG_CPU, null));
    }

    static List<Finding> model(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> globs = s.strings("matches");
        String expected = "matching " + String.join(" or ", globs);
        CpuFacts cpu = facts.cpu();
        List<String> names = cpu == null ? List.of()
                : Stream.of(cpu.modelName(), cpu.coreType(), cpu.biosModelName()).filter(Objects::nonNull).distinct().toList();
        if (names.isEmpty()) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPU, "CPU model", LSCPU_HINT), null));
        }
        String actual = String.join(" / ", names);
        boolean ok = names.stream().anyMatch(n -> Glob.anyMatchesIgnoringCase(globs, n));
        return List.of(ok ? o.pass(expected, actual, "CPU " + actual, null)
                : o.deviation(expected, actual, "CPU is " + actual + ", the profile needs " + expected, WRONG_CPU, null));
    }

    static List<Finding> cores(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = Ranges.describe(s);
        CpuFacts cpu = facts.cpu();
        if (cpu == null || cpu.cores() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPU, "core count", LSCPU_HINT), null));
        }
        int cores = cpu.cores();
        String actual = String.valueOf(cores);
        if (Ranges.contains(s, cores)) {
            return List.of(o.pass(expected, actual, cores + " cores", null));
        }
        return List.of(o.deviation(expected, actual, cores + " physical cores, the profile needs " + expected,
                "check the processor model and that no cores are disabled in the BIOS (or by maxcpus= on the kernel command line)", null));
    }

    static List<Finding> maxMhz(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        double min = s.number("min").orElseThrow();
        String expected = ">= " + format(min) + " MHz";
        Double mhz = facts.cpu() == null ? null : facts.cpu().maxMhz();
        if (mhz == null && facts.cpufreq() != null) {
            mhz = facts.cpufreq().maxMhz();
        }
        if (mhz == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(),
                    List.of(Sources.LSCPU_JSON.file(), Sources.LSCPU.file(), Sources.CPUFREQ.file()),
                    "maximum CPU frequency", "lscpu shows no maximum frequency without a cpufreq driver; check that cppc_cpufreq or acpi-cpufreq is loaded"), null));
        }
        String actual = format(mhz) + " MHz";
        return List.of(mhz >= min - 0.5 ? o.pass(expected, actual, "maximum frequency " + actual, null)
                : o.deviation(expected, actual, "maximum frequency is " + actual + ", the profile needs " + expected,
                "check the processor model (the -30 in M128-30 is 3.0 GHz) and BIOS power settings", null));
    }

    /** The extensions the profile lists for the host's architecture, looked up in the CPU flags. */
    static List<Finding> vectorExtensions(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        CpuFacts cpu = facts.cpu();
        if (cpu == null || cpu.architecture() == null) {
            return List.of(o.unknown("the profile's vector extensions", Unknown.of(facts.sources(), Unknown.CPU, "CPU architecture", LSCPU_HINT), null));
        }
        String arch = cpu.architecture();
        List<String> wanted = s.strings(arch);
        if (wanted.isEmpty()) {
            return List.of(o.pass("nothing asked of " + arch, arch, "the profile asks no vector extension of " + arch, null));
        }
        String expected = String.join(", ", wanted);
        if (cpu.flags() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPU, "CPU flags", LSCPU_HINT), null));
        }
        List<String> missing = wanted.stream().filter(w -> cpu.flags().stream().noneMatch(w::equalsIgnoreCase)).toList();
        if (missing.isEmpty()) {
            return List.of(o.pass(expected, expected, arch + " with " + expected, null));
        }
        String actual = wanted.stream().filter(w -> !missing.contains(w)).collect(java.util.stream.Collectors.joining(", "));
        return List.of(o.deviation(expected, actual.isEmpty() ? "none of them" : actual, "the CPU flags lack " + String.join(", ", missing),
                arch.equals("x86_64")
                        ? "erasure coding and hashing need SSE 4.2 and AVX2: check the processor model, and on a virtual machine that the CPU model passes them through (host-passthrough)"
                        : "erasure coding and hashing use Advanced SIMD (asimd): check the processor model and the kernel's CPU feature detection",
                null));
    }

    static List<Finding> minPhysicalCores(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long min = s.integer("min").orElseThrow();
        String expected = ">= " + min + " physical cores";
        CpuFacts cpu = facts.cpu();
        if (cpu == null || cpu.cores() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPU, "core count", LSCPU_HINT), null));
        }
        String actual = cpu.cores() + " physical cores";
        return List.of(cpu.cores() >= min ? o.pass(expected, actual, actual, null)
                : o.deviation(expected, actual, actual + ", fewer than the " + min + " a production node needs",
                "use a server with more cores; hyper-threads do not count (lscpu: Core(s) per socket x Socket(s))", null));
    }

    static String format(double mhz) {
        return mhz == Math.rint(mhz) ? String.valueOf((long) mhz) : String.format(Locale.ROOT, "%.1f", mhz);
    }
}
