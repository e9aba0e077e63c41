package dev.aistorctl.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Debian 12 root filesystem every lab host boots from, read-only under each host's overlay.
 * Built once with debootstrap into a temporary directory and renamed into place, so a crashed
 * build is never taken for the cache; its directory name carries a hash of everything that goes
 * into it, so a changed package list or preparation builds a new one.
 */
final class BaseImage {
    static final String SUITE = "bookworm";
    /** What a real storage node has: systemd, sshd, the drive and hardware tools the checks run. */
    static final List<String> PACKAGES = List.of("systemd", "systemd-sysv", "dbus", "openssh-server", "xfsprogs",
            "iproute2", "procps", "util-linux", "kmod", "sudo", "curl", "nvme-cli", "pciutils", "ethtool",
            // the path-MTU probe between hosts (ping -M do)
            "iputils-ping");
    /** Raise when the preparation below changes, so existing caches are rebuilt. */
    private static final int PREPARATION = 2;
    /** Units that wait for or need hardware a container lacks, and only make boot slow or degraded. */
    private static final List<String> MASKED = List.of("systemd-networkd-wait-online.service", "nvmf-autoconnect.service");
    static final String STAMP = "aistorctl-base.txt";

    private BaseImage() {
    }

    static Path ensure(Path cacheRoot, Consumer<String> progress) {
        String stamp = stampText();
        Path dir = cacheRoot.resolve("debian12-" + hash(stamp)).toAbsolutePath();
        if (Files.isRegularFile(dir.resolve(STAMP))) {
            return dir;
        }
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel ch = FileChannel.open(cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.isRegularFile(dir.resolve(STAMP))) {
                    return dir;
                }
                Path tmp = cacheRoot.resolve(dir.getFileName() + ".building-" + ProcessHandle.current().pid());
                deleteTree(tmp);
                Path log = cacheRoot.resolve(dir.getFileName() + ".debootstrap.log");
                progress.accept("building the Debian 12 base root filesystem (about 1-2 minutes, once), log: " + log);
                try {
                    build(tmp, log);
                    Files.writeString(tmp.resolve(STAMP), stamp);
                    Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteTree(tmp);
                }
                progress.accept("base root filesystem cached in " + dir);
                return dir;
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot build the base root filesystem in " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static void build(Path root, Path log) throws IOException {
        String mirror = AptMirror.debianMirror(SUITE);
        List<String> argv = new ArrayList<>(List.of("debootstrap", "--variant=minbase",
                "--include=" + String.join(",", PACKAGES), SUITE, root.toString(), mirror));
        var r = Proc.run(argv, Duration.ofMinutes(20));
        Files.write(log, r.stdout());
        Files.write(log, r.stderr(), StandardOpenOption.APPEND);
        if (!r.ok()) {
            throw new LabException("lab: debootstrap from " + mirror + " failed (exit " + r.exitCode() + "), see " + log
                    + ": " + r.stderrTail(3));
        }
        // Each host gets its own host keys and machine id; a shared one would make every host the same machine.
        try (var keys = Files.newDirectoryStream(root.resolve("etc/ssh"), "ssh_host_*")) {
            for (Path k : keys) {
                Files.delete(k);
            }
        }
        Files.writeString(root.resolve("etc/machine-id"), "");
        Proc.check("lab: enable units in the base", Duration.ofMinutes(1), "systemctl", "--root=" + root, "enable",
                "ssh.service", "systemd-networkd.service");
        List<String> mask = new ArrayList<>(List.of("systemctl", "--root=" + root, "mask"));
        mask.addAll(MASKED);
        Proc.check("lab: mask units in the base", mask, Duration.ofMinutes(1));
        Files.writeString(root.resolve("etc/ssh/sshd_config.d/lab.conf"),
                "# Lab hosts have one ed25519 host key each, generated when the lab comes up.\n"
                        + "HostKey /etc/ssh/ssh_host_ed25519_key\nUseDNS no\n");
        Path gen = root.resolve("etc/systemd/system-generators/lab-fstab-devices");
        Files.createDirectories(gen.getParent());
        Files.write(gen, resource("lab-fstab-devices"));
        Files.setPosixFilePermissions(gen, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path own = root.resolve("usr/local/libexec/lab-own-block-devices");
        Files.createDirectories(own.getParent());
        Files.write(own, resource("lab-own-block-devices"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(root.resolve("etc/systemd/system/lab-own-block-devices.service"), resource("lab-own-block-devices.service"));
        Proc.check("lab: enable units in the base", Duration.ofMinutes(1), "systemctl", "--root=" + root, "enable",
                "lab-own-block-devices.service");
        deleteTree(root.resolve("var/cache/apt/archives"));
        Files.createDirectories(root.resolve("var/cache/apt/archives/partial"));
        deleteTree(root.resolve("var/lib/apt/lists"));
        Files.createDirectories(root.resolve("var/lib/apt/lists/partial"));
    }

    static String stampText() {
        return "suite " + SUITE + "\nvariant minbase\npackages " + String.join(",", PACKAGES) + "\nmasked "
                + String.join(",", MASKED) + "\npreparation " + PREPARATION + "\nfiles " + hash(new String(resource("lab-fstab-devices"), StandardCharsets.UTF_8)
                + new String(resource("lab-own-block-devices"), StandardCharsets.UTF_8)
                + new String(resource("lab-own-block-devices.service"), StandardCharsets.UTF_8)) + "\n";
    }

    static byte[] resource(String name) {
        try (InputStream in = BaseImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the lab module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LabException("lab: cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) {
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // rm -rf --one-file-system never crosses into a mount, should one be left below p.
            Proc.check("remove " + p, Duration.ofMinutes(5), "rm", "-rf", "--one-file-system", p.toString());
        }
    }
}
