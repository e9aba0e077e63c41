package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The server itself as SMBIOS describes it (dmidecode types 0-3): who made it, which board, which firmware. */
public record SystemFacts(
        @JsonProperty("manufacturer") String manufacturer,
        @JsonProperty("product_name") String productName,
        @JsonProperty("serial") String serial,
        @JsonProperty("board_manufacturer") String boardManufacturer,
        @JsonProperty("board_product") String boardProduct,
        @JsonProperty("bios_vendor") String biosVendor,
        @JsonProperty("bios_version") String biosVersion,
        @JsonProperty("bios_date") String biosDate,
        @JsonProperty("smbios_version") String smbiosVersion) {
}
