package dev.aistorctl.lab;

import java.nio.file.Path;

/**
 * One block device of a lab host.
 *
 * @param device      the device path, the same on the controller and inside the container (e.g. /dev/loop5)
 * @param backingFile the sparse file behind the loop device, under the lab's state directory
 * @param mountPoint  where the host's fstab mounts it, or null for a data drive
 * @param throttleBytesPerSecond the limit {@code lab throttle} put on the drive's reads and writes: {@link #UNTHROTTLED},
 *                    or {@link #THROTTLE_UNKNOWN} when it could not be read (a VM host's monitor not answering)
 */
public record LabDrive(DriveRole role, int index, String device, Path backingFile, long sizeBytes, String mountPoint,
                       long throttleBytesPerSecond) {
    public static final long UNTHROTTLED = 0;
    public static final long THROTTLE_UNKNOWN = -1;

    /** A drive as recorded, before anything is known of its throttle. */
    public LabDrive(DriveRole role, int index, String device, Path backingFile, long sizeBytes, String mountPoint) {
        this(role, index, device, backingFile, sizeBytes, mountPoint, UNTHROTTLED);
    }

    LabDrive withThrottle(long bytesPerSecond) {
        return new LabDrive(role, index, device, backingFile, sizeBytes, mountPoint, bytesPerSecond);
    }
}
