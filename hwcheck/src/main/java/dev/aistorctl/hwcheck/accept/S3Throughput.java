package dev.aistorctl.hwcheck.accept;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one node's S3 endpoint did with every node loaded at once: PUT and GET throughput in decimal MB/s
 * (bytes the requests moved over the phase), the latency of the requests that completed (p50/p99 in ms,
 * null when none did), how many completed, and what the node is built of for the spec: the speed its NIC
 * negotiated ({@code nicMbits}, null when unknown), the data mounts the server writes to and their drives'
 * models ({@code driveModels}, null when unknown). {@code getMbps} is null when the GET phase could not run
 * (no object of the PUT phase completed).
 */
public record S3Throughput(
        @JsonProperty("host") String host,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("put_mbps") double putMbps,
        @JsonProperty("get_mbps") Double getMbps,
        @JsonProperty("put_p50_ms") Double putP50Ms,
        @JsonProperty("put_p99_ms") Double putP99Ms,
        @JsonProperty("get_p50_ms") Double getP50Ms,
        @JsonProperty("get_p99_ms") Double getP99Ms,
        @JsonProperty("put_objects") long putObjects,
        @JsonProperty("get_objects") long getObjects,
        @JsonProperty("nic_mbits") Long nicMbits,
        @JsonProperty("mounts") List<String> mounts,
        @JsonProperty("drive_models") List<String> driveModels) {

    public S3Throughput {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        // A drive without a model (a loop device) is unknown to a spec that names models; null items are kept out of List.copyOf.
        driveModels = driveModels == null ? null : driveModels.stream().map(m -> m == null ? "" : m).toList();
    }

    /** How a finding names the node: its S3 endpoint. */
    public String label() {
        return endpoint;
    }
}
