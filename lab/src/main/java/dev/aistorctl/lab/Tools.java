package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The controller-side preconditions of a lab: root, the tools it runs, and the kernel features it uses. */
final class Tools {
    /** Tool on the controller, and the Debian package that provides it. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("systemd-nspawn", "systemd-container");
        REQUIRED.put("debootstrap", "debootstrap");
        REQUIRED.put("mkfs.xfs", "xfsprogs");
        REQUIRED.put("mkfs.ext4", "e2fsprogs");
        REQUIRED.put("losetup", "mount");
        REQUIRED.put("ip", "iproute2");
        REQUIRED.put("setsid", "util-linux");
        REQUIRED.put("ssh-keygen", "openssh-client");
    }

    /**
     * What a VM lab needs on top: QEMU for the hosts' architecture ({@link LabArch#qemuBinary()}),
     * its image tool, and sfdisk to lay out the system disk.
     */
    static final Map<String, String> REQUIRED_VM = new LinkedHashMap<>();

    static {
        REQUIRED_VM.put("qemu-img", "qemu-utils");
        REQUIRED_VM.put("sfdisk", "fdisk");
        REQUIRED_VM.put("tar", "tar");
    }

    /**
     * What building a system disk for the other architecture needs on top: the arm64 packages are
     * unpacked here (dpkg-deb) and the initrd that configures them is packed with cpio.
     */
    static final Map<String, String> REQUIRED_FOREIGN_VM = new LinkedHashMap<>();

    static {
        REQUIRED_FOREIGN_VM.put("dpkg-deb", "dpkg");
        REQUIRED_FOREIGN_VM.put("cpio", "cpio");
        REQUIRED_FOREIGN_VM.put("gzip", "gzip");
    }

    private Tools() {
    }

    static void check(boolean installPrereqs, java.util.function.Consumer<String> progress) {
        check(installPrereqs, LabKind.CONTAINER, LabArch.controller(), progress);
    }

    static void check(boolean installPrereqs, LabKind kind, LabArch arch, java.util.function.Consumer<String> progress) {
        if (!isRoot()) {
            throw new UsageException("lab: must run as root (it creates loop devices, network namespaces, mounts and"
                    + " containers); run it from a root shell, or with sudo in front");
        }
        Map<String, String> required = required(kind, arch);
        List<String> missing = missing(required);
        if (!missing.isEmpty() && installPrereqs) {
            TreeSet<String> packages = packagesFor(missing, required);
            progress.accept("installing " + String.join(" ", packages) + " with apt-get");
            List<String> argv = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
            argv.addAll(packages);
            var env = Map.of("DEBIAN_FRONTEND", "noninteractive");
            if (!Proc.run(argv, env, Duration.ofMinutes(10)).ok()) {
                Proc.run(List.of("apt-get", "update"), env, Duration.ofMinutes(5));
                var r = Proc.run(argv, env, Duration.ofMinutes(10));
                if (!r.ok()) {
                    throw new LabException("lab: apt-get install " + String.join(" ", packages) + " failed: " + r.stderrTail(5));
                }
            }
            missing = missing(required);
        }
        if (!missing.isEmpty()) {
            throw new UsageException("lab: missing " + String.join(", ", missing) + "; install the Debian packages: apt-get"
                    + " install " + String.join(" ", packagesFor(missing, required)) + " (or pass the option that installs prerequisites)");
        }
        try {
            String fs = Files.readString(Path.of("/proc/filesystems"));
            if (!fs.contains("\toverlay\n")) {
                Proc.run(List.of("modprobe", "overlay"), Duration.ofSeconds(10));
                if (!Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n")) {
                    throw new LabException("lab: the kernel has no overlay filesystem (modprobe overlay failed)");
                }
            }
        } catch (java.io.IOException e) {
            throw new LabException("lab: cannot read /proc/filesystems: " + e.getMessage(), e);
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static List<String> missing() {
        return missing(required(LabKind.CONTAINER, LabArch.controller()));
    }

    /** Tool to Debian package, for a lab of {@code kind} whose hosts are {@code arch}. */
    static Map<String, String> required(LabKind kind, LabArch arch) {
        Map<String, String> tools = new LinkedHashMap<>(REQUIRED);
        if (kind == LabKind.VM) {
            tools.put(arch.qemuBinary(), arch.qemuPackage());
            tools.putAll(REQUIRED_VM);
            if (arch != LabArch.controller()) {
                tools.putAll(REQUIRED_FOREIGN_VM);
            }
        }
        return tools;
    }

    private static List<String> missing(Map<String, String> required) {
        return required.keySet().stream().filter(t -> find(t) == null).toList();
    }

    static Path find(String tool) {
        for (String dir : Proc.PATH.split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static TreeSet<String> packagesFor(List<String> tools, Map<String, String> required) {
        TreeSet<String> pkgs = new TreeSet<>();
        tools.forEach(t -> pkgs.add(required.get(t)));
        return pkgs;
    }
}
