package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Processor facts. {@code cores} is physical cores over all sockets, {@code threads} the logical
 * CPUs the kernel runs on. {@code vendor} is the CPU designer or maker as lscpu names it
 * ("ARM", "Ampere", "GenuineIntel", "AuthenticAMD"); {@code model_name} is the part as named by
 * lscpu or, on Arm servers that only report a core type, the BIOS model name.
 */
public record CpuFacts(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("vendor") String vendor,
        @JsonProperty("model_name") String modelName,
        @JsonProperty("sockets") Integer sockets,
        @JsonProperty("cores_per_socket") Integer coresPerSocket,
        @JsonProperty("cores") Integer cores,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("max_mhz") Double maxMhz,
        @JsonProperty("min_mhz") Double minMhz,
        @JsonProperty("threads_per_core") Integer threadsPerCore,
        @JsonProperty("numa_nodes") Integer numaNodes,
        @JsonProperty("core_type") String coreType,
        @JsonProperty("bios_vendor") String biosVendor,
        @JsonProperty("bios_model_name") String biosModelName,
        @JsonProperty("flags") List<String> flags) {

    public CpuFacts {
        flags = flags == null ? null : List.copyOf(flags);
    }
}
