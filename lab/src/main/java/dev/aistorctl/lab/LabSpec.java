package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;
import java.util.regex.Pattern;

/**
 * What lab to bring up: {@code hosts} containers named {@code <name>-node1..N}, each with
 * {@code drives} data drives of {@code driveSizeBytes} and one smaller, formatted system disk;
 * or VMs, of the controller's architecture or (emulated) the other one. A container lab's data drives are sparse
 * image files unless {@code allocatedDrives}: then every block of each image is allocated on this machine's disk
 * before the drive is attached, and stays allocated (see {@link DriveImages}).
 *
 * <p>The name is short and hyphen-free because it becomes part of kernel interface names
 * (at most 15 characters) and because down recognises what it owns by those names.
 */
public record LabSpec(String name, int hosts, int drives, long driveSizeBytes, boolean installPrereqs, LabKind kind,
                      LinkLowering lowerLink, LabArch arch, boolean allocatedDrives) {
    public static final int MAX_HOSTS = 200;
    public static final int MAX_DRIVES = 32;
    public static final long MIN_DRIVE_SIZE = 512L << 20;
    /** A VM host's RAM: enough for systemd, sshd and a Java storage daemon, within the lab's budget of 768 MiB a guest. */
    public static final int VM_MEMORY_MIB = 768;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");

    public LabSpec(String name, int hosts, int drives, long driveSizeBytes, boolean installPrereqs) {
        this(name, hosts, drives, driveSizeBytes, installPrereqs, LabKind.CONTAINER, null);
    }

    /** A lab of the controller's architecture. */
    public LabSpec(String name, int hosts, int drives, long driveSizeBytes, boolean installPrereqs, LabKind kind,
                   LinkLowering lowerLink) {
        this(name, hosts, drives, driveSizeBytes, installPrereqs, kind, lowerLink, null);
    }

    /** A lab whose data drives are sparse image files (or a VM's). */
    public LabSpec(String name, int hosts, int drives, long driveSizeBytes, boolean installPrereqs, LabKind kind,
                   LinkLowering lowerLink, LabArch arch) {
        this(name, hosts, drives, driveSizeBytes, installPrereqs, kind, lowerLink, arch, false);
    }

    public LabSpec {
        validateName(name);
        if (kind == null) {
            kind = LabKind.CONTAINER;
        }
        if (arch == null) {
            arch = LabArch.controller();
        }
        if (kind != LabKind.VM && arch != LabArch.controller()) {
            throw new UsageException("lab " + name + ": --arch " + arch.label() + " needs --kind vm (containers run on this"
                    + " machine's " + LabArch.controller().label() + " kernel)");
        }
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new UsageException("lab " + name + ": hosts must be 1.." + MAX_HOSTS + ", got " + hosts);
        }
        if (drives < 1 || drives > MAX_DRIVES) {
            throw new UsageException("lab " + name + ": drives must be 1.." + MAX_DRIVES + ", got " + drives);
        }
        if (driveSizeBytes < MIN_DRIVE_SIZE || driveSizeBytes % (1L << 20) != 0) {
            throw new UsageException("lab " + name + ": drive size must be a whole number of MiB, at least 512 MiB, got "
                    + driveSizeBytes + " bytes");
        }
        if (allocatedDrives && kind != LabKind.CONTAINER) {
            throw new UsageException("lab " + name + ": --allocate-drives is for container labs (a VM's drives are raw files"
                    + " to which QEMU passes the guest's discards, punching them sparse again)");
        }
        if (lowerLink != null) {
            if (kind != LabKind.VM) {
                throw new UsageException("lab " + name + ": --lower-link needs --kind vm (a container's drives have no PCIe link)");
            }
            // Fields are not assigned yet in a compact constructor: work from the parameters.
            int host = hostIndex(name, lowerLink.host());
            if (host < 1 || host > hosts) {
                throw new UsageException("lab " + name + ": --lower-link " + lowerLink + ": no such host; the hosts are "
                        + name + "-node1.." + name + "-node" + hosts);
            }
            if (lowerLink.drive() < 1 || lowerLink.drive() > drives) {
                throw new UsageException("lab " + name + ": --lower-link " + lowerLink + ": drive must be 1.." + drives);
            }
        }
    }

    /** The node number of one of this lab's host names, or 0 when it is not one. */
    public int hostIndex(String host) {
        return hostIndex(name, host);
    }

    private static int hostIndex(String name, String host) {
        String prefix = name + "-node";
        if (host == null || !host.startsWith(prefix) || !host.substring(prefix.length()).matches("[1-9][0-9]{0,2}")) {
            return 0;
        }
        return Integer.parseInt(host.substring(prefix.length()));
    }

    public int memoryMiB() {
        return VM_MEMORY_MIB;
    }

    public LabSpec withKind(LabKind newKind, LinkLowering lowering) {
        return new LabSpec(name, hosts, drives, driveSizeBytes, installPrereqs, newKind, lowering, arch, allocatedDrives);
    }

    /** The defaults a field engineer rehearses with: 3 hosts, 4 drives of 2 GiB. */
    public static LabSpec defaults(String name) {
        return new LabSpec(name, 3, 4, 2L << 30, false);
    }

    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UsageException("lab name '" + name + "' must be 1-8 characters, a lower-case letter then letters or"
                    + " digits (it becomes part of network interface names)");
        }
    }

    public String hostName(int index) {
        return name + "-node" + index;
    }

    /**
     * Half a drive (at least 256 MiB): the system disk must never match the inventory's drive
     * selection rule by size, so that only the wrong-disk guard can stop a mistake there.
     */
    public long systemDiskSizeBytes() {
        return Math.max(256L << 20, (driveSizeBytes / 2) & ~((1L << 20) - 1));
    }
}
