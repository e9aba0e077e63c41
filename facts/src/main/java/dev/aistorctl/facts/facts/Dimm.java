package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One installed memory module (SMBIOS type 17). {@code speed_mts} is the rated speed in MT/s
 * (older dmidecode prints the same number as "MHz"); {@code configured_speed_mts} is what the
 * memory controller actually runs it at, which is what a performance rule should check.
 */
public record Dimm(
        @JsonProperty("locator") String locator,
        @JsonProperty("bank_locator") String bankLocator,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("type") String type,
        @JsonProperty("type_detail") String typeDetail,
        @JsonProperty("speed_mts") Integer speedMts,
        @JsonProperty("configured_speed_mts") Integer configuredSpeedMts,
        @JsonProperty("manufacturer") String manufacturer,
        @JsonProperty("part_number") String partNumber,
        @JsonProperty("serial") String serial,
        @JsonProperty("rank") Integer rank) {
}
