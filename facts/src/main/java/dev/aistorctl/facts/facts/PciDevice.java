package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One PCI function. {@code address} is the full domain:bus:device.function ({@code 0000:01:00.0});
 * {@code class_code} the six hex digits of the class ({@code 010802} = NVMe).
 * {@code link} is null for functions without a PCIe link (host bridges, virtio on a plain bus).
 */
public record PciDevice(
        @JsonProperty("address") String address,
        @JsonProperty("class_code") String classCode,
        @JsonProperty("description") String description,
        @JsonProperty("driver") String driver,
        @JsonProperty("link") PciLink link) {
}
