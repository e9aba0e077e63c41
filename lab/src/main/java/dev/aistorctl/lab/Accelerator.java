package dev.aistorctl.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How QEMU runs the VM hosts: with KVM when it really works here, by emulation (TCG) otherwise.
 * Decided by booting the guest kernel under KVM without a root disk: it panics and QEMU exits
 * within seconds when KVM works. A /dev/kvm that exists is not proof; on some machines stock
 * guest kernels hang under it.
 */
final class Accelerator {
    static final String TCG = "tcg";
    static final String KVM = "kvm";
    private static final Duration PROBE = Duration.ofSeconds(20);

    private Accelerator() {
    }

    /**
     * @param cacheRoot where the probe's verdict is kept for the rest of this boot of the controller
     *                  ({@link KvmProbeCache}); {@value KvmProbeCache#FORCE_ENV}{@code =1} probes again
     */
    static String choose(VmImage image, LabArch arch, Path cacheRoot, Consumer<String> progress) {
        if (arch != LabArch.controller()) {
            progress.accept(arch.label() + " VM hosts on this " + LabArch.controller().label()
                    + " controller run emulated (TCG): slower to boot");
            return TCG;
        }
        if (!Files.exists(Path.of("/dev/kvm"))) {
            progress.accept("no /dev/kvm: the VM hosts run emulated (TCG), slower to boot");
            return TCG;
        }
        KvmProbeCache cache = new KvmProbeCache(cacheRoot, arch);
        Optional<String> key = KvmProbeCache.currentKey(arch.qemuBinary(), image.kernel());
        Optional<KvmProbeCache.Verdict> kept = "1".equals(System.getenv(KvmProbeCache.FORCE_ENV)) ? Optional.empty()
                : key.flatMap(cache::read);
        if (kept.isPresent()) {
            progress.accept(kept.get().message() + " (probed earlier in this boot of the controller; "
                    + KvmProbeCache.FORCE_ENV + "=1 probes again)");
            return kept.get().accel();
        }
        KvmProbeCache.Verdict verdict = probe(image, arch);
        progress.accept(verdict.message());
        key.ifPresent(k -> cache.write(k, verdict));
        return verdict.accel();
    }

    private static KvmProbeCache.Verdict probe(VmImage image, LabArch arch) {
        try {
            var r = Proc.run(List.of(arch.qemuBinary(), "-machine", arch.machine(), "-accel", KVM, "-cpu", arch.cpu(KVM),
                    "-m", "256", "-nodefaults", "-display", "none", "-no-reboot", "-serial", "stdio",
                    "-kernel", image.kernel().toString(),
                    "-append", "console=" + arch.console() + " panic=-1 root=/dev/nonexistent"), PROBE);
            if (r.ok() && r.stdoutText().contains("Kernel panic")) {
                return new KvmProbeCache.Verdict(KVM, "KVM works here: the VM hosts run accelerated");
            }
            return new KvmProbeCache.Verdict(TCG, "KVM probe failed (exit " + r.exitCode() + "): the VM hosts run emulated (TCG)");
        } catch (LabException hung) {
            return new KvmProbeCache.Verdict(TCG, "KVM probe: the guest kernel did not run within " + PROBE.toSeconds()
                    + " s under /dev/kvm: the VM hosts run emulated (TCG)");
        }
    }
}
