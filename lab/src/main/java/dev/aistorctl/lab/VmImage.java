package dev.aistorctl.lab;

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
 * and the kernel and initrd QEMU starts directly. Built once from the container base by
 * build-vm-image.sh and cached beside it; the directory name carries a hash of the base, the
 * script, the seed unit and the Java runtime copied in, so a change builds a new one.
 */
record VmImage(Path dir) {
    static final String SCRIPT = "build-vm-image.sh";
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

    static VmImage ensure(Path cacheRoot, Path base, Consumer<String> progress) {
        String stamp = "base " + base.getFileName() + "\nscript " + text(SCRIPT) + "\nseed " + text(SEED_SCRIPT) + text(SEED_UNIT)
                + "\njava " + JavaRuntime.home() + " " + System.getProperty("java.version") + "\n";
        Path dir = cacheRoot.resolve("debian12-vm-" + BaseImage.hash(stamp)).toAbsolutePath();
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
                progress.accept("building the VM system disk (kernel, disk tools, Java; about 3-5 minutes, once), log: " + log);
                try {
                    Files.write(script, BaseImage.resource(SCRIPT));
                    Files.write(Path.of(out + ".seed-script"), BaseImage.resource(SEED_SCRIPT));
                    Files.write(Path.of(out + ".seed-unit"), BaseImage.resource(SEED_UNIT));
                    var r = Proc.run(List.of("sh", script.toString(), base.toString(), out.toString(),
                            JavaRuntime.home().toRealPath().toString(), AptMirror.debianMirror(BaseImage.SUITE)), Duration.ofMinutes(30));
                    Files.write(log, r.stdout());
                    Files.write(log, r.stderr(), StandardOpenOption.APPEND);
                    if (!r.ok()) {
                        throw new LabException("lab: building the VM system disk failed (exit " + r.exitCode() + "), see " + log
                                + ": " + r.stderrTail(3));
                    }
                    Files.writeString(tmp.resolve(BaseImage.STAMP), stamp);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    BaseImage.deleteTree(Path.of(out + ".work"));
                    BaseImage.deleteTree(tmp);
                    for (String suffix : List.of(".script", ".seed-script", ".seed-unit")) {
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
