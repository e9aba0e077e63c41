package dev.aistorctl.playbooks.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tuning profile (YAML, {@code version: 1}): the kernel and OS state {@code aistorctl tune} makes true.
 * Every section is optional; a section left out is not tuned.
 *
 * @param source     where it was read from: {@code builtin:aistor-performance} or a file path
 * @param governor   the CPU frequency scaling governor for every CPU
 * @param sysctl     sysctl keys to values, in the order written (values whitespace-normalised)
 * @param openFiles  the nofile limit for {@link #serviceUser}
 * @param mtu        the MTU wanted on the hosts' links (applied only when asked for explicitly)
 * @param swapOff    swap turned off and its fstab lines commented ({@code swap: {off: true}})
 * @param iommuPassthrough the IOMMU passthrough kernel argument in a GRUB drop-in ({@code bootloader: {iommu_passthrough: true}})
 */
public record TuningProfile(String name, String description, String source,
                            Optional<String> governor,
                            Optional<HugePages> hugePages,
                            Map<String, String> sysctl,
                            Optional<String> nvmeScheduler,
                            Optional<String> serviceUser,
                            Optional<Long> openFiles,
                            Optional<Integer> mtu,
                            boolean swapOff,
                            boolean iommuPassthrough) {

    /** A profile without the swap and bootloader sections. */
    public TuningProfile(String name, String description, String source, Optional<String> governor, Optional<HugePages> hugePages,
                         Map<String, String> sysctl, Optional<String> nvmeScheduler, Optional<String> serviceUser,
                         Optional<Long> openFiles, Optional<Integer> mtu) {
        this(name, description, source, governor, hugePages, sysctl, nvmeScheduler, serviceUser, openFiles, mtu, false, false);
    }

    /** Transparent huge pages, as written to {@code /sys/kernel/mm/transparent_hugepage}. */
    public record HugePages(String enabled, String defrag, Integer maxPtesNone) {
    }

    public TuningProfile {
        sysctl = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
    }
}
