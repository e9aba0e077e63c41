package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Memory as the kernel sees it ({@code total_bytes} = MemTotal, which is below the installed
 * size by what firmware and the kernel reserve) and as SMBIOS describes it: {@code dimms} lists
 * installed modules only, {@code slots} counts every slot including empty ones.
 */
public record MemoryFacts(
        @JsonProperty("total_bytes") Long totalBytes,
        @JsonProperty("available_bytes") Long availableBytes,
        @JsonProperty("dimms") List<Dimm> dimms,
        @JsonProperty("dimm_total_bytes") Long dimmTotalBytes,
        @JsonProperty("slots") Integer slots) {

    public MemoryFacts {
        dimms = dimms == null ? null : List.copyOf(dimms);
    }
}
