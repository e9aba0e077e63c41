package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Makes one host ready to boot: its drives, its network, its own files over the base (host
 * name, /etc/hosts, address, host key, authorised key, fstab) and its overlay root. Each
 * kernel object is recorded in the state file as soon as it exists.
 */
final class HostBuilder {
    static final String SYSTEM_MOUNT = "/srv/system";
    private static final Duration T = Duration.ofMinutes(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabSpec spec;
    private final LabRecord record;
    private final Path stateDir;
    private final Path base;
    private final String hostsFile;
    private final byte[] clientPublicKey;
    private final List<Path> javaBinds;

    HostBuilder(LabSpec spec, LabRecord record, Path stateDir, Path base, String hostsFile, byte[] clientPublicKey,
                List<Path> javaBinds) {
        this.spec = spec;
        this.record = record;
        this.stateDir = stateDir;
        this.base = base;
        this.hostsFile = hostsFile;
        this.clientPublicKey = clientPublicKey;
        this.javaBinds = javaBinds;
    }

    /** @return the systemd-nspawn command line that boots the host */
    List<String> build(int index) throws IOException {
        String host = spec.hostName(index);
        String address = LabNetwork.hostAddress(record.subnetPrefix, index);
        HostLayout l = HostLayout.of(stateDir, host);
        String netns = LabNetwork.netnsName(host);
        String veth = LabNetwork.vethName(spec.name(), index);
        record.addHost(new LabRecord.HostRecord(host, address, netns, veth, List.of()));
        record.write(stateDir);
        Files.createDirectories(l.dir());

        List<LabDrive> drives = createDrives(host, l);
        record.write(stateDir);
        LabNetwork.createHostLink(spec.name(), host, netns, veth);

        writeHostFiles(host, address, l, drives);
        Files.createDirectories(l.work());
        Files.createDirectories(l.root());
        Proc.check(host + ": mount its root", T, "mount", "-t", "overlay", "overlay", "-o",
                "lowerdir=" + base + ",upperdir=" + l.upper() + ",workdir=" + l.work(), l.root().toString());

        List<String> args = new ArrayList<>(List.of("systemd-nspawn", "--boot", "--register=no", "--keep-unit",
                "--directory=" + l.root(), "--machine=" + host,
                // Its own named namespace keeps the address across reboots; --private-network gives the
                // container CAP_NET_ADMIN and a writable /proc/sys/net while the rest of /proc/sys stays read-only.
                "--network-namespace-path=/run/netns/" + netns, "--private-network",
                "--console=read-only", "--resolv-conf=off", "--timezone=off", "--link-journal=no"));
        for (LabDrive d : drives) {
            args.add("--bind=" + d.device());
        }
        for (Path j : javaBinds) {
            args.add("--bind-ro=" + j);
        }
        return args;
    }

    private List<LabDrive> createDrives(String host, HostLayout l) throws IOException {
        Path dir = l.drivesDir(stateDir);
        Files.createDirectories(dir);
        List<LabDrive> drives = new ArrayList<>();
        for (int i = 1; i <= spec.drives(); i++) {
            Path file = dir.resolve("data" + i + ".img");
            DriveImages.create(file, spec.driveSizeBytes(), spec.allocatedDrives());
            LabDrive d = new LabDrive(DriveRole.DATA, i, LoopDevices.attach(host, file), file, spec.driveSizeBytes(), null);
            record.addDrive(host, d);
            drives.add(d);
            if (spec.allocatedDrives()) {
                LoopDevices.refuseDiscards(d.device());
            }
        }
        Path sys = dir.resolve("system.img");
        long sysSize = spec.systemDiskSizeBytes();
        DriveImages.sparse(sys, sysSize);
        Path content = l.dir().resolve("system-content");
        Files.createDirectories(content.resolve("backup"));
        Files.writeString(content.resolve("README"), "System data of " + host + ". This disk is not a data drive:"
                + " formatting it loses this data.\n");
        Files.write(content.resolve("backup/etc.tar"), new byte[1 << 20]);
        Proc.check(host + ": format its system disk", T, "mkfs.ext4", "-q", "-F", "-L", "system", "-U",
                UUID.randomUUID().toString(), "-d", content.toString(), sys.toString());
        BaseImage.deleteTree(content);
        LabDrive d = new LabDrive(DriveRole.SYSTEM, 0, LoopDevices.attach(host, sys), sys, sysSize, SYSTEM_MOUNT);
        record.addDrive(host, d);
        drives.add(d);
        return drives;
    }

    private void writeHostFiles(String host, String address, HostLayout l, List<LabDrive> drives) throws IOException {
        Path u = l.upper();
        write(u, "etc/hostname", host + "\n", "rw-r--r--");
        write(u, "etc/hosts", hostsFile, "rw-r--r--");
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        write(u, "etc/machine-id", HexFormat.of().formatHex(id) + "\n", "r--r--r--");
        write(u, "etc/systemd/network/10-lab.network", "[Match]\nName=eth0\n\n[Network]\nAddress=" + address
                + "/24\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n", "rw-r--r--");
        mkdirsLike(u, "etc/ssh");
        Proc.check(host + ": generate its host key", T, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + host,
                "-f", u.resolve("etc/ssh/ssh_host_ed25519_key").toString());
        write(u, "root/.ssh/authorized_keys", new String(clientPublicKey), "rw-------");
        Files.setPosixFilePermissions(u.resolve("root/.ssh"), PosixFilePermissions.fromString("rwx------"));
        LabDrive sys = drives.stream().filter(d -> d.role() == DriveRole.SYSTEM).findFirst().orElseThrow();
        String uuid = Proc.check(host + ": read its system disk", T, "blkid", "-s", "UUID", "-o", "value",
                sys.backingFile().toString()).stdoutText().strip();
        String fstab = Files.readString(base.resolve("etc/fstab"))
                + "# The system disk: not a data drive. No udev in a container, hence nofail and a short device timeout.\n"
                + "UUID=" + uuid + " " + SYSTEM_MOUNT + " ext4 defaults,nofail,x-systemd.device-timeout=5s 0 2\n";
        write(u, "etc/fstab", fstab, "rw-r--r--");
        mkdirsLike(u, SYSTEM_MOUNT.substring(1));
        mkdirsLike(u, "usr/local/bin");
        Files.createSymbolicLink(u.resolve("usr/local/bin/java"), JavaRuntime.home().resolve("bin/java"));
    }

    private void write(Path upper, String rel, String content, String mode) throws IOException {
        Path p = upper.resolve(rel);
        mkdirsLike(upper, Path.of(rel).getParent().toString());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    /** Creates directories in the upper layer with the base's modes: the overlay shows the upper's (e.g. /root is 0700). */
    private void mkdirsLike(Path upper, String rel) throws IOException {
        Path cur = upper;
        Path lower = base;
        for (Path part : Path.of(rel)) {
            cur = cur.resolve(part.toString());
            lower = lower.resolve(part.toString());
            if (!Files.isDirectory(cur)) {
                Files.createDirectories(cur);
                Set<PosixFilePermission> mode = Files.isDirectory(lower) ? Files.getPosixFilePermissions(lower)
                        : PosixFilePermissions.fromString("rwxr-xr-x");
                Files.setPosixFilePermissions(cur, mode);
            }
        }
    }
}
