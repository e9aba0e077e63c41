package dev.aistorctl.storagenode.drives;

import java.util.Locale;

/**
 * What a top-level block device is. Only a {@link #DISK} is a data drive on a real server; a
 * {@link #LOOP} device only when the pool's rule says {@code transport: any} (the lab's drives are
 * loop devices; a real server's are snaps and images, which also fail on read-only, mounted and
 * foreign squashfs). The others are never drives, whatever the rule says.
 */
public enum DriveKind {
    DISK("disk"),
    LOOP("loop device"),
    ZRAM("zram (compressed RAM)"),
    RAM("RAM disk"),
    OPTICAL("optical drive"),
    NBD("network block device"),
    OTHER("not a disk");

    private final String description;

    DriveKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** lsblk's TYPE and NAME: zram and RAM disks and NBD report TYPE disk, so the name decides. */
    public static DriveKind of(String lsblkType, String name) {
        String type = lsblkType == null ? "" : lsblkType.toLowerCase(Locale.ROOT);
        String n = name == null ? "" : name;
        return switch (type) {
            case "loop" -> LOOP;
            case "rom" -> OPTICAL;
            case "disk" -> n.startsWith("zram") ? ZRAM
                    : n.matches("ram[0-9]+") ? RAM
                    : n.startsWith("nbd") ? NBD
                    : DISK;
            default -> OTHER;
        };
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
