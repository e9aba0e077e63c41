package dev.aistorctl.facts.facts;

import java.util.Optional;
import java.util.Set;

/**
 * Which disk holds the running system, defined once so that the hardware check (which NVMe drives
 * count as data drives) and drive preparation (which disks may be formatted) cannot disagree. A disk
 * is the system disk when it, one of its partitions or a device built on it (LVM, md, dm) is mounted
 * at one of {@link #MOUNT_POINTS} or carries active swap. When in doubt, deny: the list is the union
 * of everything either side ever counted, since calling a data disk "system" only leaves it unused,
 * while the reverse formats the OS.
 */
public final class SystemDisk {
    /** Mount points of the running system: root, the boot and EFI system partitions, /usr and /var. */
    public static final Set<String> MOUNT_POINTS = Set.of("/", "/boot", "/boot/efi", "/efi", "/usr", "/var");
    /** How lsblk's MOUNTPOINTS shows active swap. */
    public static final String LSBLK_SWAP = "[SWAP]";

    private SystemDisk() {
    }

    /** Whether something mounted at {@code mountPoint} makes its disk the system disk. */
    public static boolean isSystemMount(String mountPoint) {
        return mountPoint != null && MOUNT_POINTS.contains(mountPoint);
    }

    /**
     * What makes {@code disk} (an lsblk device with its children) the system disk: the first system
     * mount point or {@code [SWAP]} on it or below it; empty for a disk that holds none.
     */
    public static Optional<String> use(BlockDevice disk) {
        for (String m : disk.mountpoints()) {
            if (isSystemMount(m) || LSBLK_SWAP.equals(m)) {
                return Optional.of(m);
            }
        }
        for (BlockDevice child : disk.children()) {
            Optional<String> m = use(child);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
