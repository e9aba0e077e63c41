package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.SystemTuning;
import dev.aistorctl.facts.parse.KernelCmdlineParser;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** memory.swap_active, memory.thp, kernel.iommu and time.synchronised: the OS settings of the tuning checklist. */
final class SystemTuningRules {
    static final String ARM64_IOMMU_ARG = "iommu.passthrough=1";
    static final String X86_IOMMU_ARG = "iommu=pt";

    private SystemTuningRules() {
    }

    static List<Finding> swapActive(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = "no active swap";
        List<String> swap = part(facts, SystemTuning::swapActive);
        if (swap == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.SWAPS.file()), "active swap", "/proc/swaps must be readable"), null));
        }
        if (swap.isEmpty()) {
            return List.of(o.pass(expected, "none", "no swap in use", null));
        }
        return List.of(o.deviation(expected, String.join(", ", swap), "swap is active on " + String.join(", ", swap)
                        + ": under memory pressure the server pages instead of failing fast",
                "aistorctl tune turns swap off (swapoff, and the swap lines of /etc/fstab commented; --revert restores them)", null));
    }

    static List<Finding> thp(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> allowed = s.strings("one_of");
        String expected = String.join(" or ", allowed);
        String mode = part(facts, SystemTuning::transparentHugepages);
        if (mode == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.THP.file()), "transparent huge pages",
                    "/sys/kernel/mm/transparent_hugepage/enabled must be readable"), null));
        }
        return List.of(allowed.contains(mode) ? o.pass(expected, mode, "transparent huge pages: " + mode, null)
                : o.deviation(expected, mode, "transparent huge pages are '" + mode + "': 'always' stalls allocations while the kernel compacts memory",
                "aistorctl tune sets it (transparent_hugepage in the tuning profile)", null));
    }

    /**
     * The IOMMU is out of the data path when no unit is active, or every group passes devices
     * through (identity); the command line tells the same for a host whose groups are not visible.
     */
    static List<Finding> iommu(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String arch = facts.cpu() == null ? null : facts.cpu().architecture();
        String wanted = "aarch64".equals(arch) ? ARM64_IOMMU_ARG : X86_IOMMU_ARG;
        String expected = "IOMMU off or in passthrough (" + wanted + ")";
        SystemTuning.Iommu iommu = part(facts, SystemTuning::iommu);
        List<String> args = part(facts, SystemTuning::kernelArgs);
        boolean passthroughArg = args != null && (KernelCmdlineParser.value(args, "iommu.passthrough").filter(v -> v.equals("1") || v.equals("on") || v.equals("y")).isPresent()
                || KernelCmdlineParser.value(args, "iommu").filter("pt"::equals).isPresent());
        if (iommu == null && args == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.IOMMU.file(), Sources.CMDLINE.file()),
                    "IOMMU mode", "/sys/class/iommu and /proc/cmdline must be readable"), null));
        }
        if (iommu != null && iommu.units().isEmpty()) {
            return List.of(o.pass(expected, "no IOMMU active", "no IOMMU unit is active", null));
        }
        if (iommu != null && !iommu.groupTypes().isEmpty() && !iommu.translates()) {
            return List.of(o.pass(expected, "passthrough", "IOMMU in passthrough: " + groups(iommu.groupTypes()), null));
        }
        if (iommu == null || iommu.groupTypes().isEmpty()) {
            return List.of(passthroughArg ? o.pass(expected, "passthrough (command line)", "the kernel booted with " + wanted + "-style passthrough", null)
                    : o.deviation(expected, "translated (command line has no passthrough)", "the IOMMU is active and the command line does not ask for passthrough",
                    hint(wanted), null));
        }
        return List.of(o.deviation(expected, "translated", "the IOMMU translates every device access: " + groups(iommu.groupTypes())
                + (passthroughArg ? " (the command line asks for passthrough, but the groups do not show it)" : ""), hint(wanted), null));
    }

    private static String hint(String wanted) {
        return "add " + wanted + " to the kernel command line unless devices are passed to virtual machines: aistorctl tune writes "
                + "/etc/default/grub.d/aistor-iommu.cfg and runs update-grub; it takes effect at the next reboot"
                + (wanted.equals(X86_IOMMU_ARG) ? " (Intel: or leave intel_iommu off; AMD: amd_iommu=off)" : "");
    }

    private static String groups(Map<String, Integer> types) {
        return types.entrySet().stream().map(e -> e.getValue() + " group(s) " + e.getKey()).collect(Collectors.joining(", "));
    }

    static List<Finding> timeSynchronised(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = "clock synchronised to a time source";
        SystemTuning.TimeSync t = part(facts, SystemTuning::timeSync);
        if (t == null || t.synchronised() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.CHRONY_TRACKING.file(), Sources.TIMEDATECTL.file()),
                    "clock synchronisation", "install chrony (or enable systemd-timesyncd) so chronyc or timedatectl can tell"), null));
        }
        String by = t.source() + (t.reference() == null ? "" : ", reference " + t.reference());
        return List.of(t.synchronised() ? o.pass(expected, "synchronised", "synchronised (" + by + ")", null)
                : o.deviation(expected, "not synchronised", "the clock follows no time source (" + t.source()
                        + (t.service() == null ? "" : ": " + t.service()) + "); nodes drift apart and requests are refused for skew",
                "install and enable chrony with the site's NTP servers (chronyc tracking must show a Reference ID and 'Leap status : Normal')", null));
    }

    static <T> T part(HostFacts facts, Function<SystemTuning, T> part) {
        return facts.systemTuning() == null ? null : part.apply(facts.systemTuning());
    }
}
