package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One NVMe namespace block device as nvme-cli (or smartctl) reports it. {@code device} is the
 * block device path ({@code /dev/nvme0n1}); {@code controller} the controller name
 * ({@code nvme0}), which is what the smart log is read from.
 */
public record NvmeDrive(
        @JsonProperty("device") String device,
        @JsonProperty("controller") String controller,
        @JsonProperty("model") String model,
        @JsonProperty("serial") String serial,
        @JsonProperty("firmware") String firmware,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("sector_size") Integer sectorSize,
        @JsonProperty("pci_address") String pciAddress,
        @JsonProperty("health") NvmeHealth health) {

    public NvmeDrive withHealth(NvmeHealth newHealth) {
        return new NvmeDrive(device, controller, model, serial, firmware, sizeBytes, sectorSize, pciAddress, newHealth);
    }

    public NvmeDrive withPciAddress(String address) {
        return new NvmeDrive(device, controller, model, serial, firmware, sizeBytes, sectorSize, address, health);
    }
}
