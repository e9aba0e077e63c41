package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.Dimm;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** memory.total and memory.speed. */
final class MemoryRules {
    private static final String DMIDECODE_HINT = "DIMM details come from dmidecode, which needs root: "
            + "install dmidecode and connect as a user with passwordless sudo";

    private MemoryRules() {
    }

    /**
     * Installed memory. The DIMM sum is exact and preferred; MemTotal is what the kernel has left
     * after the page map, firmware and the crash kernel took their share, so it is accepted down to
     * {@code kernel_reserve_percent} below the minimum: a missing DIMM is far more than that.
     */
    static List<Finding> total(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long min = s.bytes("min").orElseThrow();
        String expected = ">= " + ByteSize.precise(min);
        MemoryFacts mem = facts.memory();
        if (mem != null && mem.dimmTotalBytes() != null && mem.dimmTotalBytes() > 0) {
            long dimms = mem.dimmTotalBytes();
            String actual = ByteSize.precise(dimms) + " in " + (mem.dimms() == null ? "?" : mem.dimms().size()) + " DIMMs";
            return List.of(dimms >= min ? o.pass(expected, actual, actual, null)
                    : o.deviation(expected, actual, "installed memory is " + actual + ", the profile needs " + expected,
                    "check for missing or failed DIMMs (dmidecode -t memory, BMC event log)", null));
        }
        if (mem != null && mem.totalBytes() != null) {
            double reserve = s.number("kernel_reserve_percent").orElse(0.0);
            long floor = (long) Math.floor(min * (1 - reserve / 100));
            String actual = "MemTotal " + ByteSize.precise(roundToMib(mem.totalBytes()));
            String basis = " (judged from MemTotal, allowing " + format(reserve) + " % for kernel and firmware reservations; DIMM sizes unknown: "
                    + Unknown.of(facts.sources(), Unknown.DIMMS, "DIMMs", null).reason() + ")";
            return List.of(mem.totalBytes() >= floor ? o.pass(expected, actual, actual + basis, null)
                    : o.deviation(expected, actual, actual + " is below " + ByteSize.precise(roundToMib(floor)) + basis,
                    "check for missing or failed DIMMs; " + DMIDECODE_HINT, null));
        }
        return List.of(o.unknown(expected, Unknown.of(facts.sources(),
                List.of(Sources.MEMINFO.file(), Sources.DMI_MEMORY.file()), "memory size", "/proc/meminfo could not be read"), null));
    }

    static List<Finding> speed(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        long min = s.integer("min_mts").orElseThrow();
        String expected = ">= " + min + " MT/s";
        List<Dimm> dimms = facts.memory() == null || facts.memory().dimms() == null ? List.of() : facts.memory().dimms();
        List<Dimm> known = dimms.stream().filter(d -> speedOf(d) != null).toList();
        if (known.isEmpty()) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.DIMMS, "DIMM speeds", DMIDECODE_HINT), null));
        }
        List<Dimm> slow = known.stream().filter(d -> speedOf(d) < min).toList();
        int lowest = known.stream().mapToInt(MemoryRules::speedOf).min().orElseThrow();
        if (slow.isEmpty()) {
            return List.of(o.pass(expected, lowest + " MT/s", known.size() + " DIMMs run at >= " + lowest + " MT/s", null));
        }
        String which = slow.stream().map(d -> d.locator() + " at " + speedOf(d) + " MT/s").collect(Collectors.joining(", "));
        return List.of(o.deviation(expected, lowest + " MT/s", slow.size() + " of " + known.size() + " DIMMs run below "
                + min + " MT/s: " + which, "check DIMM part numbers and population (two DIMMs per channel lowers the speed) and the BIOS memory frequency", null));
    }

    /** The speed the controller runs the DIMM at, else its rated speed. */
    private static Integer speedOf(Dimm d) {
        return d.configuredSpeedMts() != null ? d.configuredSpeedMts() : d.speedMts();
    }

    private static long roundToMib(long bytes) {
        return bytes / (1024 * 1024) * (1024 * 1024);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
