package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The system disk every VM lab host boots from (a qcow2 image each host overlays copy-on-write)
 * and the kernel and initrd QEMU starts directly. Built once and cached beside the container
 * base: for x86_64 hosts from that base by build-vm-image.sh; for arm64 hosts, whose packages
 * cannot run here, by build-arm64-vm-image.sh, which configures them inside an emulated arm64
 * machine. The directory name carries a hash of everything that goes in (the base or the
 * package list, the script, the seed unit, the Java runtime copied in), so a change builds a new one.
 */
record VmImage(Path dir) {
    static final String SCRIPT = "build-vm-image.sh";
    static final String ARM64_SCRIPT = "build-arm64-vm-image.sh";
    static final String SEED_SCRIPT = "lab-seed";
    static final String SEED_UNIT = "lab-seed.service";
    /** The system disk's size (the script's partitions plus 2 MiB of GPT). */
    static final long DISK_BYTES = (1L + 256 + 3840 + 1) << 20;

    Path disk() {
        return dir.resolve("disk.qcow2");
    }

    Path kernel() {
        return dir.resolve("vmlinuz");
    }

    Path initrd() {
        return dir.resolve("initrd.img");
    }

    static VmImage ensure(Path cacheRoot, Path base, LabArch arch, Consumer<String> progress) {
        if (arch == LabArch.X86_64 && LabArch.controller() != LabArch.X86_64) {
            throw new UsageException("lab: x86_64 VM hosts need an x86_64 controller (their system disk is built with"
                    + " its packages run natively); this one is " + LabArch.controller().label());
        }
        String stamp;
        String dirName;
        List<String> argv;
        if (arch == LabArch.X86_64) {
            stamp = "base " + base.getFileName() + "\nscript " + text(SCRIPT) + "\nseed " + text(SEED_SCRIPT) + text(SEED_UNIT)
                    + "\njava " + JavaRuntime.home() + " " + System.getProperty("java.version") + "\n";
            dirName = "debian12-vm-" + BaseImage.hash(stamp);
            argv = List.of("sh", "SCRIPT", base.toString(), "OUT", "JAVA", "MIRROR");
        } else {
            String packages = String.join(",", BaseImage.PACKAGES);
            stamp = "arch " + arch.label() + "\npackages " + packages + "\nscript " + text(ARM64_SCRIPT) + "\nseed "
                    + text(SEED_SCRIPT) + text(SEED_UNIT) + "\n";
            dirName = "debian12-vm-" + arch.label() + "-" + BaseImage.hash(stamp);
            argv = List.of("sh", "SCRIPT", "OUT", "MIRROR", packages);
        }
        Path dir = cacheRoot.resolve(dirName).toAbsolutePath();
        VmImage image = new VmImage(dir);
        if (Files.isRegularFile(dir.resolve(BaseImage.STAMP))) {
            return image;
        }
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel ch = FileChannel.open(cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.isRegularFile(dir.resolve(BaseImage.STAMP))) {
                    return image;
                }
                Path out = cacheRoot.resolve(dir.getFileName() + ".building-" + ProcessHandle.current().pid());
                Path tmp = Path.of(out + ".tmp");
                Path log = cacheRoot.resolve(dir.getFileName() + ".build.log");
                Path script = Path.of(out + ".script");
                progress.accept(arch == LabArch.X86_64
                        ? "building the VM system disk (kernel, disk tools, Java; about 3-5 minutes, once), log: " + log
                        : "building the " + arch.label() + " VM system disk (its packages configured in an emulated machine;"
                        + " about 12-20 minutes, once), log: " + log);
                try {
                    Files.write(script, BaseImage.resource(arch == LabArch.X86_64 ? SCRIPT : ARM64_SCRIPT));
                    Files.write(Path.of(out + ".seed-script"), BaseImage.resource(SEED_SCRIPT));
                    Files.write(Path.of(out + ".seed-unit"), BaseImage.resource(SEED_UNIT));
                    String java = arch == LabArch.X86_64 ? JavaRuntime.home().toRealPath().toString() : "";
                    String mirror = AptMirror.debianMirror(BaseImage.SUITE);
                    List<String> command = argv.stream().map(a -> switch (a) {
                        case "SCRIPT" -> script.toString();
                        case "OUT" -> out.toString();
                        case "JAVA" -> java;
                        case "MIRROR" -> mirror;
                        default -> a;
                    }).toList();
                    var r = Proc.run(command, Duration.ofMinutes(arch == LabArch.X86_64 ? 30 : 180));
                    Files.write(log, r.stdout());
                    Files.write(log, r.stderr(), StandardOpenOption.APPEND);
                    Path console = Path.of(out + ".console.log");
                    if (Files.exists(console)) {
                        Files.writeString(log, "\n--- the emulated machine's console ---\n", StandardOpenOption.APPEND);
                        Files.write(log, Files.readAllBytes(console), StandardOpenOption.APPEND);
                    }
                    if (!r.ok()) {
                        throw new LabException("lab: building the VM system disk failed (exit " + r.exitCode() + "), see " + log
                                + ": " + r.stderrTail(3));
                    }
                    Files.writeString(tmp.resolve(BaseImage.STAMP), stamp);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    BaseImage.deleteTree(Path.of(out + ".work"));
                    BaseImage.deleteTree(tmp);
                    for (String suffix : List.of(".script", ".seed-script", ".seed-unit", ".console.log")) {
                        Files.deleteIfExists(Path.of(out + suffix));
                    }
                }
                progress.accept("VM system disk cached in " + dir);
                return image;
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot build the VM system disk in " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static String text(String resource) {
        return new String(BaseImage.resource(resource), StandardCharsets.UTF_8);
    }
}
