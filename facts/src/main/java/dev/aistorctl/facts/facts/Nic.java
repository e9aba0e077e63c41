package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One network interface. {@code speed_mbps} is null when the link is down or the driver does not
 * report it (sysfs prints -1 then). {@code kind} is the ip link kind ("bond", "vlan", "bridge";
 * null for a physical port); {@code members} lists a bond's or bridge's ports.
 */
public record Nic(
        @JsonProperty("name") String name,
        @JsonProperty("speed_mbps") Long speedMbps,
        @JsonProperty("mtu") Integer mtu,
        @JsonProperty("driver") String driver,
        @JsonProperty("pci_address") String pciAddress,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("state") String state,
        @JsonProperty("kind") String kind,
        @JsonProperty("master") String master,
        @JsonProperty("link_detected") Boolean linkDetected) {
}
