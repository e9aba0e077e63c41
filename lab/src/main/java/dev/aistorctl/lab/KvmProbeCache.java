package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The KVM probe's verdict, kept for the rest of this boot of the controller. The probe costs up to 20 s at every
 * {@code lab up --kind vm} on a machine where KVM hangs, and its answer can only change when the machine boots again
 * (another kernel, a KVM module loaded or not) or the QEMU binary or the guest kernel it boots changes: those make
 * the key. {@value #FORCE_ENV}{@code =1} in the environment probes again whatever is kept.
 */
final class KvmProbeCache {
    static final String FORCE_ENV = "AISTORCTL_KVM_PROBE";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    /** What the probe decided and the line it said about it. */
    record Verdict(String accel, String message) {
    }

    private final Path file;

    KvmProbeCache(Path cacheRoot, LabArch arch) {
        this.file = cacheRoot.resolve("kvm-probe-" + arch.label());
    }

    /**
     * The key of this boot, QEMU binary and guest kernel: one line each, the files by real path, size and
     * modification time. Empty when one cannot be read: then nothing is kept or reused.
     */
    static Optional<String> key(Path bootId, Path qemu, Path kernel) {
        try {
            String boot = Files.readString(bootId, StandardCharsets.US_ASCII).strip();
            return boot.isEmpty() ? Optional.empty() : Optional.of("boot " + boot + "\nqemu " + identity(qemu)
                    + "\nkernel " + identity(kernel));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The key of the running controller for {@code qemuBinary} (found where the probe runs it) and {@code kernel}. */
    static Optional<String> currentKey(String qemuBinary, Path kernel) {
        return onPath(qemuBinary).flatMap(q -> key(BOOT_ID, q, kernel));
    }

    /** The kept verdict for {@code key}; empty when none is kept, it was made for another key, or it is unreadable. */
    Optional<Verdict> read(String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int n = key.split("\n").length;
            if (lines.size() != n + 2 || !String.join("\n", lines.subList(0, n)).equals(key)) {
                return Optional.empty();
            }
            String accel = lines.get(n).replaceFirst("^accel ", "");
            if (!accel.equals(Accelerator.KVM) && !accel.equals(Accelerator.TCG)) {
                return Optional.empty();
            }
            return Optional.of(new Verdict(accel, lines.get(n + 1).replaceFirst("^message ", "")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code verdict} for {@code key}; a cache that cannot be written only means probing again next time. */
    void write(String key, Verdict verdict) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, key + "\naccel " + verdict.accel() + "\nmessage " + verdict.message().replace('\n', ' ')
                    + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ignored) {
            // Nothing kept: the next lab up probes again.
        }
    }

    private static String identity(Path p) throws IOException {
        Path real = p.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return real + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : Proc.PATH.split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
