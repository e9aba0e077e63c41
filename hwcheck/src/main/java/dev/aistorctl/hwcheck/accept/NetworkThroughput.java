package dev.aistorctl.hwcheck.accept;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one host's network did, in megabits per second as NICs are rated: in the ring round (one peer
 * each way, the link alone) and in the mesh round (every peer at once, what the gates judge), and the
 * interface that holds the host's data address with the speed it negotiated ({@code speedMbits} null
 * where the host does not say, e.g. a NIC with no link or no sysfs speed).
 */
public record NetworkThroughput(
        @JsonProperty("host") String host,
        @JsonProperty("address") String address,
        @JsonProperty("interface") String iface,
        @JsonProperty("speed_mbits") Long speedMbits,
        @JsonProperty("ring_send_mbits") double ringSendMbits,
        @JsonProperty("ring_receive_mbits") double ringReceiveMbits,
        @JsonProperty("mesh_send_mbits") double meshSendMbits,
        @JsonProperty("mesh_receive_mbits") double meshReceiveMbits) {

    /** How a finding names the NIC: its interface and the data address on it. */
    public String label() {
        return (iface == null ? "?" : iface) + " (" + address + ")";
    }
}
