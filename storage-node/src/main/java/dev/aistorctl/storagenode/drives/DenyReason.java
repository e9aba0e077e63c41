package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a device may not be formatted as a data drive. {@code code} is stable for programs (one of
 * the constants here); {@code message} is for people and names the evidence ("mounted at /srv/data",
 * "held by md0", "foreign ext4 filesystem labelled data").
 */
public record DenyReason(@JsonProperty("code") String code, @JsonProperty("message") String message) {
    /** Not a drive at all: a loop device (without {@code transport: any}), zram, RAM disk, optical drive... */
    public static final String NOT_A_DRIVE = "not_a_drive";
    /** The system disk ({@code SystemDisk}): holds /, /boot, /boot/efi, /efi, /usr, /var or active swap, directly or below. */
    public static final String SYSTEM_DISK = "system_disk";
    public static final String MOUNTED = "mounted";
    /** A swap signature on the disk itself, with no swap active on it (active swap is {@link #SYSTEM_DISK}). */
    public static final String SWAP = "swap";
    /** Named by an /etc/fstab entry, so it would be mounted at the next boot. */
    public static final String IN_FSTAB = "in_fstab";
    public static final String HAS_PARTITIONS = "has_partitions";
    /** A partition table on the disk itself (gpt, dos, PMBR...), whether or not the kernel lists partitions from it. */
    public static final String PARTITION_TABLE = "partition_table";
    /** An LVM physical volume's label on the disk itself; an active volume group on it is also {@link #HELD}. */
    public static final String LVM_MEMBER = "lvm_member";
    /** An md RAID member's superblock on the disk itself; an assembled array on it is also {@link #HELD}. */
    public static final String MD_MEMBER = "md_member";
    /** Used by another block device: md RAID, LVM, dm-crypt, multipath. */
    public static final String HELD = "held";
    public static final String READ_ONLY = "read_only";
    public static final String REMOVABLE = "removable";
    public static final String TOO_SMALL = "too_small";
    /** Carries a filesystem (or a signature no other code names) aistorctl did not create for this cluster. */
    public static final String FOREIGN_FILESYSTEM = "foreign_filesystem";
    /** An XFS filesystem this cluster's {@code drives prepare} made: kept, never formatted. */
    public static final String PREPARED = "prepared";
    /** This cluster's label, but an index the pool has no slot for, or the same index twice. */
    public static final String LABEL_CONFLICT = "label_conflict";
    /**
     * Its serial or WWN is also another device's: two paths to one disk (dual-path SAS without
     * multipathd) or namespaces nothing tells apart. Neither is trusted: formatting one could destroy the other.
     */
    public static final String DUPLICATE_IDENTITY = "duplicate_identity";
    /** Not matched by the pool's {@code drives.select} rule. */
    public static final String NOT_SELECTED = "not_selected";
    /** Something eligibility depends on could not be determined; when in doubt, deny. */
    public static final String UNKNOWN = "unknown";

    public static DenyReason of(String code, String message) {
        return new DenyReason(code, message);
    }

    public static DenyReason unknown(String what) {
        return new DenyReason(UNKNOWN, "unknown: " + what);
    }

    @Override
    public String toString() {
        return message;
    }
}
