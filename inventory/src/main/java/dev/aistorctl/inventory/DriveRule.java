package dev.aistorctl.inventory;

import java.util.List;

/**
 * The data drives every host of a pool must have: how many, which ones, and where each is mounted
 * ({@code mounts.get(i)} is the i-th drive, as in MinIO's {@code /mnt/drive{1...8}}).
 *
 * @param mountPattern the mount as written, e.g. {@code /mnt/drive{1...8}}
 */
public record DriveRule(int count, DriveSelector select, String mountPattern, List<String> mounts) {
    public DriveRule {
        mounts = List.copyOf(mounts);
    }
}
