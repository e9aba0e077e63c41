package dev.aistorctl.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    static String choose(VmImage image, LabArch arch, Consumer<String> progress) {
        if (arch != LabArch.controller()) {
            progress.accept(arch.label() + " VM hosts on this " + LabArch.controller().label()
                    + " controller run emulated (TCG): slower to boot");
            return TCG;
        }
        if (!Files.exists(Path.of("/dev/kvm"))) {
            progress.accept("no /dev/kvm: the VM hosts run emulated (TCG), slower to boot");
            return TCG;
        }
        try {
            var r = Proc.run(List.of(arch.qemuBinary(), "-machine", arch.machine(), "-accel", KVM, "-cpu", arch.cpu(KVM),
                    "-m", "256", "-nodefaults", "-display", "none", "-no-reboot", "-serial", "stdio",
                    "-kernel", image.kernel().toString(),
                    "-append", "console=" + arch.console() + " panic=-1 root=/dev/nonexistent"), PROBE);
            if (r.ok() && r.stdoutText().contains("Kernel panic")) {
                progress.accept("KVM works here: the VM hosts run accelerated");
                return KVM;
            }
            progress.accept("KVM probe failed (exit " + r.exitCode() + "): the VM hosts run emulated (TCG)");
        } catch (LabException hung) {
            progress.accept("KVM probe: the guest kernel did not run within " + PROBE.toSeconds()
                    + " s under /dev/kvm: the VM hosts run emulated (TCG)");
        }
        return TCG;
    }
}
