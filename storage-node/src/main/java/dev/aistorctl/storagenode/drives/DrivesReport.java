package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The result of {@code aistorctl drives}: every host's devices and selection, and which hosts have a problem. */
public record DrivesReport(
        @JsonProperty("cluster") String cluster,
        @JsonProperty("cluster_tag") String clusterTag,
        @JsonProperty("hosts") List<HostDrives> hosts) {

    public DrivesReport {
        hosts = List.copyOf(hosts);
    }

    public static DrivesReport of(String cluster, List<HostDrives> hosts) {
        return new DrivesReport(cluster, cluster == null ? null : DriveLabel.clusterTag(cluster), hosts);
    }

    /** Hosts that were unreachable or cannot get their drives, by name. */
    @JsonProperty("failed_hosts")
    public List<String> failedHosts() {
        return hosts.stream().filter(h -> !h.ok()).map(HostDrives::host).toList();
    }
}
