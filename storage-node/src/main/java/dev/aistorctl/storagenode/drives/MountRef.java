package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A mount point of a drive, and which device carries it: the drive itself, a partition or a holder. */
public record MountRef(@JsonProperty("mount_point") String mountPoint, @JsonProperty("device") String device) {
}
