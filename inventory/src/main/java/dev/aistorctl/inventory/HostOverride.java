package dev.aistorctl.inventory;

import java.util.Optional;

/** Per-host settings that differ from what the pool implies; today only the address SSH connects to. */
public record HostOverride(Optional<String> address) {
}
