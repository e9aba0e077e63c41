package dev.aistorctl.storagenode.preflight;

import java.util.List;

/**
 * One expected data mount as the host reports it.
 *
 * @param mounted     whether the path is itself a mount point (not a directory on the filesystem beneath)
 * @param fstype      its filesystem type when mounted
 * @param availBytes  free bytes, or -1 when unknown
 * @param formatFiles MinIO {@code format.json} files found on it: the mark of a deployment
 * @param driveSerial the serial of the drive aistorctl put there, from its /etc/fstab marker; empty when not known
 */
public record MountSurvey(String mount, boolean mounted, String fstype, long availBytes, long sizeBytes, List<String> formatFiles,
                          String driveSerial) {
    public MountSurvey {
        formatFiles = List.copyOf(formatFiles);
    }
}
