package dev.aistorctl.lab;

import java.nio.file.Path;

/**
 * One block device of a lab host.
 *
 * @param device      the device path, the same on the controller and inside the container (e.g. /dev/loop5)
 * @param backingFile the sparse file behind the loop device, under the lab's state directory
 * @param mountPoint  where the host's fstab mounts it, or null for a data drive
 * @param throttle    the limits {@code lab throttle} put on the drive ({@link DriveThrottle#NONE} when none), or null
 *                    when they could not be read (a VM host's monitor not answering)
 */
public record LabDrive(DriveRole role, int index, String device, Path backingFile, long sizeBytes, String mountPoint,
                       DriveThrottle throttle) {

    /** A drive as recorded, before anything is known of its throttle. */
    public LabDrive(DriveRole role, int index, String device, Path backingFile, long sizeBytes, String mountPoint) {
        this(role, index, device, backingFile, sizeBytes, mountPoint, DriveThrottle.NONE);
    }

    LabDrive withThrottle(DriveThrottle limits) {
        return new LabDrive(role, index, device, backingFile, sizeBytes, mountPoint, limits);
    }
}
