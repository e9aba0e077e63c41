package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The NVMe SMART / health log. {@code critical_warning} is the raw bit field (0 = healthy);
 * {@code percentage_used} is the vendor's wear estimate (may exceed 100);
 * {@code temperature_celsius} is converted from the kelvin nvme-cli prints in JSON.
 */
public record NvmeHealth(
        @JsonProperty("critical_warning") Integer criticalWarning,
        @JsonProperty("percentage_used") Integer percentageUsed,
        @JsonProperty("media_errors") Long mediaErrors,
        @JsonProperty("available_spare") Integer availableSpare,
        @JsonProperty("temperature_celsius") Integer temperatureCelsius,
        @JsonProperty("power_on_hours") Long powerOnHours,
        @JsonProperty("unsafe_shutdowns") Long unsafeShutdowns,
        @JsonProperty("error_log_entries") Long errorLogEntries) {
}
