package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM probe's verdict is reused only in the same boot, with the same QEMU binary and guest kernel. */
class KvmProbeCacheTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String key(Path boot, Path qemu, Path kernel) {
        return KvmProbeCache.key(boot, qemu, kernel).orElseThrow();
    }

    @Test
    void aVerdictIsReadBackForTheKeyItWasKeptFor() throws IOException {
        Path boot = file("boot_id", "0f6d6c1e-1111-4a4b-9c9d-2e2f3a3b4c4d\n");
        String key = key(boot, file("qemu", "qemu v1"), file("vmlinuz", "kernel"));
        KvmProbeCache cache = new KvmProbeCache(dir.resolve("cache"), LabArch.X86_64);

        assertThat(cache.read(key)).as("nothing kept yet").isEmpty();
        cache.write(key, new KvmProbeCache.Verdict(Accelerator.TCG, "KVM probe: the guest kernel did not run within 20 s"));

        assertThat(cache.read(key)).contains(
                new KvmProbeCache.Verdict(Accelerator.TCG, "KVM probe: the guest kernel did not run within 20 s"));
        assertThat(dir.resolve("cache/kvm-probe-x86_64")).exists();
    }

    @Test
    void anotherBootAnotherQemuOrAnotherKernelProbesAgain() throws IOException {
        Path boot = file("boot_id", "0f6d6c1e-1111-4a4b-9c9d-2e2f3a3b4c4d\n");
        Path qemu = file("qemu", "qemu v1");
        Path kernel = file("vmlinuz", "kernel");
        KvmProbeCache cache = new KvmProbeCache(dir, LabArch.X86_64);
        cache.write(key(boot, qemu, kernel), new KvmProbeCache.Verdict(Accelerator.KVM, "KVM works here"));

        Path rebooted = file("boot_id2", "7a7b7c7d-2222-4a4b-9c9d-2e2f3a3b4c4d\n");
        assertThat(cache.read(key(rebooted, qemu, kernel))).as("the controller booted again").isEmpty();

        Files.writeString(qemu, "qemu v2, upgraded");
        assertThat(cache.read(key(boot, qemu, kernel))).as("QEMU was upgraded").isEmpty();

        Files.writeString(qemu, "qemu v1");
        Files.setLastModifiedTime(kernel, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(cache.read(key(boot, qemu, kernel))).as("the guest kernel was rebuilt").isEmpty();
    }

    @Test
    void aCorruptOrForeignFileIsNoVerdict() throws IOException {
        Path boot = file("boot_id", "0f6d6c1e-1111-4a4b-9c9d-2e2f3a3b4c4d\n");
        String key = key(boot, file("qemu", "qemu"), file("vmlinuz", "kernel"));
        KvmProbeCache cache = new KvmProbeCache(dir, LabArch.X86_64);

        Files.writeString(dir.resolve("kvm-probe-x86_64"), key + "\naccel warp\nmessage fast\n");
        assertThat(cache.read(key)).as("an accelerator the lab does not know").isEmpty();
        Files.writeString(dir.resolve("kvm-probe-x86_64"), key + "\n");
        assertThat(cache.read(key)).as("cut short").isEmpty();
    }

    @Test
    void withoutABootIdOrAQemuThereIsNoKeyAndSoNothingIsKept() throws IOException {
        Path qemu = file("qemu", "qemu");
        Path kernel = file("vmlinuz", "kernel");

        assertThat(KvmProbeCache.key(dir.resolve("no-boot-id"), qemu, kernel)).isEmpty();
        assertThat(KvmProbeCache.key(file("boot_id", "\n"), qemu, kernel)).isEmpty();
        assertThat(KvmProbeCache.key(file("boot_id2", "0f6d\n"), dir.resolve("no-qemu"), kernel)).isEmpty();
        assertThat(KvmProbeCache.currentKey("no-such-qemu-binary", kernel)).isEmpty();
    }
}
