package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One block device from lsblk, with its children (partitions, holders). What drive eligibility
 * needs is here: type, size, filesystem, mount points, rotational, and the identifiers (serial,
 * WWN) a destructive plan names a drive by.
 */
public record BlockDevice(
        @JsonProperty("name") String name,
        @JsonProperty("path") String path,
        @JsonProperty("type") String type,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("model") String model,
        @JsonProperty("serial") String serial,
        @JsonProperty("wwn") String wwn,
        @JsonProperty("transport") String transport,
        @JsonProperty("rotational") Boolean rotational,
        @JsonProperty("read_only") Boolean readOnly,
        @JsonProperty("removable") Boolean removable,
        @JsonProperty("fstype") String fstype,
        @JsonProperty("fs_uuid") String fsUuid,
        @JsonProperty("label") String label,
        @JsonProperty("partition_table") String partitionTable,
        @JsonProperty("mountpoints") List<String> mountpoints,
        @JsonProperty("logical_sector_size") Integer logicalSectorSize,
        @JsonProperty("physical_sector_size") Integer physicalSectorSize,
        @JsonProperty("scheduler") String scheduler,
        @JsonProperty("children") List<BlockDevice> children) {

    public BlockDevice {
        mountpoints = mountpoints == null ? List.of() : List.copyOf(mountpoints);
        children = children == null ? List.of() : List.copyOf(children);
    }
}
