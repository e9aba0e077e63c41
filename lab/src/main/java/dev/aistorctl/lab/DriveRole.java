package dev.aistorctl.lab;

/** Why a loop device was given to a host. */
public enum DriveRole {
    /** Empty, for the drives step to format as XFS. */
    DATA,
    /** Already formatted, mounted through the host's fstab and holding files: a disk that must never be formatted. */
    SYSTEM
}
