package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;

/**
 * A device with the verdict on it: its state, the reasons it may not be formatted (empty exactly
 * when {@code state} is eligible), and whether the pool's rule takes it, as which drive.
 *
 * @param preparedIndex the drive index its label gives, for this cluster's own drives
 * @param driveIndex    1-based slot in the pool's mount list when selected
 */
public record DriveCandidate(
        @JsonUnwrapped Drive drive,
        @JsonProperty("state") DriveState state,
        @JsonProperty("deny_reasons") List<DenyReason> denyReasons,
        @JsonProperty("prepared_index") Integer preparedIndex,
        @JsonProperty("selected") boolean selected,
        @JsonProperty("drive_index") Integer driveIndex,
        @JsonProperty("mount_point") String mountPoint) {

    public DriveCandidate {
        denyReasons = List.copyOf(denyReasons);
    }

    public boolean eligible() {
        return state == DriveState.ELIGIBLE;
    }

    /** Whether it may fill a slot: blank and eligible, or already this cluster's drive. */
    public boolean usable() {
        return state == DriveState.ELIGIBLE || state == DriveState.PREPARED;
    }

    DriveCandidate select(int index, String mount) {
        return new DriveCandidate(drive, state, denyReasons, preparedIndex, true, index, mount);
    }

    DriveCandidate deny(DenyReason reason) {
        List<DenyReason> reasons = new ArrayList<>(denyReasons);
        reasons.add(reason);
        return new DriveCandidate(drive, DriveState.DENIED, reasons, preparedIndex, false, null, null);
    }

    /** "eligible", "prepared (drive 2)" or "denied: mounted at /srv/data; has partitions: sda1". */
    public String describe() {
        return switch (state) {
            case ELIGIBLE -> "eligible";
            case PREPARED -> "prepared (drive " + preparedIndex + ")";
            case DENIED -> "denied: " + String.join("; ", denyReasons.stream().map(DenyReason::message).toList());
        };
    }
}
