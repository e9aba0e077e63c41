package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operating-system settings a storage server is tuned by, as the host runs them now: the kernel
 * command line it booted with, transparent huge pages, active swap, the IOMMU, clock synchronisation
 * and which NUMA node each NVMe controller and NIC hangs off. Each part is null when its source could
 * not tell it (a rule then says which source and why).
 *
 * @param kernelArgs    /proc/cmdline split into its arguments
 * @param transparentHugepages the selected THP mode ("always", "madvise", "never")
 * @param swapActive    every active swap area's path (empty: no swap in use)
 * @param iommu         the IOMMU units the kernel registered and the default domain type of its groups
 * @param timeSync      whether the clock is synchronised to a source, and by what
 * @param numa          NUMA nodes and the node of each NVMe controller and NIC
 */
public record SystemTuning(
        @JsonProperty("kernel_args") List<String> kernelArgs,
        @JsonProperty("transparent_hugepages") String transparentHugepages,
        @JsonProperty("swap_active") List<String> swapActive,
        @JsonProperty("iommu") Iommu iommu,
        @JsonProperty("time_sync") TimeSync timeSync,
        @JsonProperty("numa") NumaPlacement numa) {

    public SystemTuning {
        kernelArgs = kernelArgs == null ? null : List.copyOf(kernelArgs);
        swapActive = swapActive == null ? null : List.copyOf(swapActive);
    }

    /**
     * @param units      /sys/class/iommu entries (dmar0, ivhd0, smmu3.0x...); none when no IOMMU is active
     * @param groupTypes how many IOMMU groups have each default domain type: "identity" is passthrough,
     *                   "DMA" and "DMA-FQ" translate every device access
     */
    public record Iommu(
            @JsonProperty("units") List<String> units,
            @JsonProperty("group_types") Map<String, Integer> groupTypes) {

        public Iommu {
            units = List.copyOf(units);
            groupTypes = Collections.unmodifiableMap(new TreeMap<>(groupTypes));
        }

        /** Whether any group translates device accesses (the IOMMU is in the data path). */
        public boolean translates() {
            return groupTypes.keySet().stream().anyMatch(t -> t.startsWith("DMA"));
        }
    }

    /**
     * @param source       the tool that told: "chronyc" or "timedatectl"
     * @param synchronised whether the clock follows a time source now
     * @param service      the NTP service state as the tool shows it (timedatectl's NTP=, chrony's leap status)
     * @param reference    the source followed (chrony's Reference ID), null when none or unknown
     */
    public record TimeSync(
            @JsonProperty("source") String source,
            @JsonProperty("synchronised") Boolean synchronised,
            @JsonProperty("service") String service,
            @JsonProperty("reference") String reference) {
    }

    /**
     * @param nodes NUMA nodes the kernel knows
     * @param nvme  NUMA node of each NVMe controller; a device without affinity (-1) is left out
     * @param nics  NUMA node of each network interface with a device; left out as above
     */
    public record NumaPlacement(
            @JsonProperty("nodes") int nodes,
            @JsonProperty("nvme") Map<String, Integer> nvme,
            @JsonProperty("nics") Map<String, Integer> nics) {

        public NumaPlacement {
            // sorted, so that findings come in a stable order
            nvme = Collections.unmodifiableMap(new TreeMap<>(nvme));
            nics = Collections.unmodifiableMap(new TreeMap<>(nics));
        }
    }
}
