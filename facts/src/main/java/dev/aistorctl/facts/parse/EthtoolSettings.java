package dev.aistorctl.facts.parse;

/** What {@code ethtool IFACE} says about a port; speed null when "Unknown!" (link down or virtual). */
public record EthtoolSettings(String name, Long speedMbps, String duplex, Boolean linkDetected, String port) {
}
