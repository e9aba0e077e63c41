package dev.aistorctl.lab;

import java.nio.file.Path;

/**
 * One block device of a lab host.
 *
 * @param device      the device path, the same on the controller and inside the container (e.g. /dev/loop5)
 * @param backingFile the sparse file behind the loop device, under the lab's state directory
 * @param mountPoint  where the host's fstab mounts it, or null for a data drive
 */
public record LabDrive(DriveRole role, int index, String device, Path backingFile, long sizeBytes, String mountPoint) {
}
