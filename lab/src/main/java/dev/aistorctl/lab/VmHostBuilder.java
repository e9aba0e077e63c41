package dev.aistorctl.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes one VM host ready to boot: a copy-on-write overlay of the shared system disk, sparse
 * files as its NVMe drives, a tap in the lab's bridge, and its identity (host name, /etc/hosts,
 * address, host key, authorised key) packed as the seed QEMU hands to the guest over fw_cfg.
 * Each kernel object is recorded in the state file as soon as it exists.
 */
final class VmHostBuilder {
    static final String SYSTEM_DEVICE = "/dev/vda";
    private static final Duration T = Duration.ofMinutes(2);
    /**
     * Under emulation every second of boot counts: no crypto self-tests, no fsck of the fresh
     * overlay, and none of the periodic or binfmt units a lab host has no use for.
     */
    static String bootOptions(LabArch arch) {
        return "root=LABEL=labroot rw console=" + arch.console() + ",115200 quiet systemd.show_status=error"
                + " cryptomgr.notests fsck.mode=skip systemd.mask=e2scrub_reap.service systemd.mask=systemd-binfmt.service"
                + " systemd.mask=lvm2-monitor.service";
    }

    private final LabSpec spec;
    private final LabRecord record;
    private final Path stateDir;
    private final VmImage image;
    private final String hostsFile;
    private final byte[] clientPublicKey;
    private final String accel;

    VmHostBuilder(LabSpec spec, LabRecord record, Path stateDir, VmImage image, String hostsFile, byte[] clientPublicKey,
                  String accel) {
        this.spec = spec;
        this.record = record;
        this.stateDir = stateDir;
        this.image = image;
        this.hostsFile = hostsFile;
        this.clientPublicKey = clientPublicKey;
        this.accel = accel;
    }

    /** The serial of a data drive: distinct across hosts and labs, at most 20 characters as NVMe allows. */
    static String serial(LabSpec spec, int host, int drive) {
        return (spec.name() + "n" + host + "d" + drive).toUpperCase(Locale.ROOT);
    }

    /** A locally administered MAC from the lab's subnet and the host's number, so two labs never share one. */
    static String mac(String subnetPrefix, int index) {
        int x = Integer.parseInt(subnetPrefix.substring(subnetPrefix.lastIndexOf('.') + 1));
        return String.format("52:54:00:d5:%02x:%02x", x, index);
    }

    /**
     * TCG's translated-code cache defaults to 1 GiB, more than the guest's RAM; 128 MiB holds what a
     * booted Debian runs and keeps the guest within its memory budget.
     */
    static String accelOption(String accel) {
        return Accelerator.TCG.equals(accel) ? "tcg,tb-size=128" : accel;
    }

    /** @return the QEMU command line that boots the host */
    List<String> build(int index) throws IOException {
        String host = spec.hostName(index);
        String address = LabNetwork.hostAddress(record.subnetPrefix, index);
        HostLayout l = HostLayout.of(stateDir, host);
        String tap = LabNetwork.vethName(spec.name(), index);
        record.addHost(new LabRecord.HostRecord(host, address, "-", tap, List.of()));
        record.write(stateDir);
        Files.createDirectories(l.dir());

        Path drivesDir = l.drivesDir(stateDir);
        Files.createDirectories(drivesDir);
        List<String> args = new ArrayList<>(machine(spec.arch(), accel, host, spec.memoryMiB(), image, l));

        Path system = drivesDir.resolve("system.qcow2");
        Proc.check(host + ": create its system disk overlay", T, "qemu-img", "create", "-q", "-f", "qcow2", "-b",
                image.disk().toString(), "-F", "qcow2", system.toString());
        record.addDrive(host, new LabDrive(DriveRole.SYSTEM, 0, SYSTEM_DEVICE, system, VmImage.DISK_BYTES, "/"));
        args.addAll(List.of("-drive", "file=" + system + ",if=none,id=system,format=qcow2,discard=unmap",
                "-device", "virtio-blk-pci,drive=system,serial=" + host + "-os"));

        for (int i = 1; i <= spec.drives(); i++) {
            Path file = drivesDir.resolve("data" + i + ".img");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(spec.driveSizeBytes());
            }
            String serial = serial(spec, index, i);
            record.addDrive(host, new LabDrive(DriveRole.DATA, i, "nvme " + serial, file, spec.driveSizeBytes(), null));
            boolean lowered = spec.lowerLink() != null && spec.lowerLink().host().equals(host) && spec.lowerLink().drive() == i;
            args.addAll(List.of("-device", "pcie-root-port,id=rp" + i + ",chassis=" + i + ",slot=" + i + ",bus=pcie.0,"
                            + portLink(lowered),
                    "-drive", "file=" + file + ",if=none,id=d" + i + ",format=raw,discard=unmap",
                    "-device", "nvme,id=" + nvmeId(i) + ",serial=" + serial + ",drive=d" + i + ",bus=rp" + i));
        }
        record.write(stateDir);

        LabNetwork.createTap(spec.name(), host, tap);
        args.addAll(List.of("-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=n0,mac=" + mac(record.subnetPrefix, index) + ",speed=200000,duplex=full"));
        writeSeed(host, address, index, l);
        return args;
    }

    /**
     * The machine itself: board, CPU, memory, the directly booted kernel, console, monitor, seed
     * and firmware tables; the disks and the NIC follow.
     */
    static List<String> machine(LabArch arch, String accel, String host, int memoryMiB, VmImage image, HostLayout l) {
        List<String> args = new ArrayList<>(List.of(arch.qemuBinary(), "-name", host, "-machine", arch.machine(),
                "-accel", accelOption(accel), "-cpu", arch.cpu(accel), "-smp", "1", "-m", memoryMiB + "M", "-nodefaults",
                "-display", "none", "-vga", "none", "-no-user-config",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", bootOptions(arch),
                "-chardev", "file,id=console,path=" + l.consoleLog() + ",append=on", "-serial", "chardev:console",
                "-qmp", "unix:" + l.qmpSocket() + ",server=on,wait=off"));
        // SMBIOS reaches an Arm guest only through UEFI firmware, which a directly booted kernel
        // does not have: on arm64 the tables would be set and never seen, so none are.
        if (arch == LabArch.X86_64) {
            args.addAll(List.of(
                    "-smbios", "type=1,manufacturer=aistorctl lab,product=QEMU NVMe storage node,version=1,serial=" + host,
                    "-smbios", "type=2,manufacturer=aistorctl lab,product=QEMU q35 board",
                    "-smbios", "type=17,manufacturer=QEMU,part=LAB-DIMM,speed=3200,serial=" + host + "-dimm"));
        }
        args.addAll(List.of("-fw_cfg", "name=opt/aistorctl/seed,file=" + l.seedTar()));
        return args;
    }

    /**
     * QEMU's emulated NVMe trains at 2.5 GT/s x1 whatever its port offers, and a port reports its
     * link below its capability when the device below trains lower. A port matching the drive
     * (2.5 GT/s x1) is a healthy link; the lowered drive's port advertises 16 GT/s x4, the
     * Gen4 x4 slot an NVMe drive is built for, so its link really runs below capability.
     */
    static String portLink(boolean lowered) {
        return lowered ? "x-speed=16,x-width=4" : "x-speed=2_5,x-width=1";
    }

    private void writeSeed(String host, String address, int index, HostLayout l) throws IOException {
        Path seed = l.seedDir();
        BaseImage.deleteTree(seed);
        write(seed, "etc/hostname", host + "\n", "rw-r--r--");
        write(seed, "etc/hosts", hostsFile, "rw-r--r--");
        write(seed, "etc/systemd/network/10-lab.network", "[Match]\nMACAddress=" + mac(record.subnetPrefix, index)
                + "\n\n[Network]\nAddress=" + address + "/24\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n", "rw-r--r--");
        Files.createDirectories(seed.resolve("etc/ssh"));
        Proc.check(host + ": generate its host key", T, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + host,
                "-f", seed.resolve("etc/ssh/ssh_host_ed25519_key").toString());
        write(seed, "root/.ssh/authorized_keys", new String(clientPublicKey), "rw-------");
        Files.setPosixFilePermissions(seed.resolve("root/.ssh"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(seed.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Proc.check(host + ": pack its seed", T, "tar", "-C", seed.toString(), "--owner=0", "--group=0", "--numeric-owner",
                "-cf", l.seedTar().toString(), "etc", "root");
    }

    private static void write(Path dir, String rel, String content, String mode) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    /** The QEMU device id of data drive {@code drive} (1-based), by which the lab's monitor can pull it out. */
    static String nvmeId(int drive) {
        return "nvme" + drive;
    }
}
