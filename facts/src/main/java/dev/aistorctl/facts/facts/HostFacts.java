package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything hwcheck knows about one host's hardware and OS. A part that no source could tell is
 * {@code null} (or an empty list for lists whose source was present but empty); {@link #sources()}
 * says which sources were present, missing or failed, so a rule can explain an unknown value.
 */
public record HostFacts(
        @JsonProperty("cpu") CpuFacts cpu,
        @JsonProperty("memory") MemoryFacts memory,
        @JsonProperty("nvme") List<NvmeDrive> nvme,
        @JsonProperty("pci") List<PciDevice> pci,
        @JsonProperty("nics") List<Nic> nics,
        @JsonProperty("os") OsFacts os,
        @JsonProperty("cpufreq") CpuFreqFacts cpufreq,
        @JsonProperty("block_devices") List<BlockDevice> blockDevices,
        @JsonProperty("sources") SourceReport sources,
        @JsonProperty("system") SystemFacts system,
        @JsonProperty("system_tuning") SystemTuning systemTuning) {

    /** Facts without the OS tuning state. */
    public HostFacts(CpuFacts cpu, MemoryFacts memory, List<NvmeDrive> nvme, List<PciDevice> pci, List<Nic> nics,
            OsFacts os, CpuFreqFacts cpufreq, List<BlockDevice> blockDevices, SourceReport sources, SystemFacts system) {
        this(cpu, memory, nvme, pci, nics, os, cpufreq, blockDevices, sources, system, null);
    }

    /** Facts without SMBIOS system information. */
    public HostFacts(CpuFacts cpu, MemoryFacts memory, List<NvmeDrive> nvme, List<PciDevice> pci, List<Nic> nics,
            OsFacts os, CpuFreqFacts cpufreq, List<BlockDevice> blockDevices, SourceReport sources) {
        this(cpu, memory, nvme, pci, nics, os, cpufreq, blockDevices, sources, null, null);
    }

    public HostFacts {
        nvme = nvme == null ? null : List.copyOf(nvme);
        pci = pci == null ? null : List.copyOf(pci);
        nics = nics == null ? null : List.copyOf(nics);
        blockDevices = blockDevices == null ? null : List.copyOf(blockDevices);
    }

    /** The same facts with the OS tuning state. */
    public HostFacts withSystemTuning(SystemTuning tuning) {
        return new HostFacts(cpu, memory, nvme, pci, nics, os, cpufreq, blockDevices, sources, system, tuning);
    }
}
