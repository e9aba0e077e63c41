package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;
import java.util.Locale;

/**
 * The CPU architecture of a lab's hosts. Containers share this machine's kernel, so they are
 * always the controller's; a VM host can be the other one, emulated. Each value carries what
 * differs between the two guests: QEMU's binary and machine, the serial console's device, the
 * name {@code uname -m} reports and Debian's names for the architecture and its kernel.
 */
public enum LabArch {
    /** A q35 PC; its serial console is the 16550 UART. */
    X86_64("x86_64", "x86_64", "amd64", "qemu-system-x86_64", "qemu-system-x86", "q35", "max", "ttyS0"),
    /**
     * QEMU's virt board with an Arm Neoverse N1 core (the core of Ampere Altra); its console is
     * the PL011 UART. virt has no SMBIOS tables without UEFI firmware.
     */
    ARM64("arm64", "aarch64", "arm64", "qemu-system-aarch64", "qemu-system-arm", "virt", "neoverse-n1", "ttyAMA0");

    private final String label;
    private final String unameMachine;
    private final String debianArch;
    private final String qemuBinary;
    private final String qemuPackage;
    private final String machine;
    private final String emulatedCpu;
    private final String console;

    LabArch(String label, String unameMachine, String debianArch, String qemuBinary, String qemuPackage, String machine,
            String emulatedCpu, String console) {
        this.label = label;
        this.unameMachine = unameMachine;
        this.debianArch = debianArch;
        this.qemuBinary = qemuBinary;
        this.qemuPackage = qemuPackage;
        this.machine = machine;
        this.emulatedCpu = emulatedCpu;
        this.console = console;
    }

    public String label() {
        return label;
    }

    /** What {@code uname -m} prints on a host of this architecture. */
    public String unameMachine() {
        return unameMachine;
    }

    String qemuBinary() {
        return qemuBinary;
    }

    /** The Debian package that provides {@link #qemuBinary()}. */
    String qemuPackage() {
        return qemuPackage;
    }

    String machine() {
        return machine;
    }

    /** The CPU model QEMU emulates (TCG); under KVM, max is the controller's own CPU. */
    String cpu(String accel) {
        return Accelerator.KVM.equals(accel) ? "max" : emulatedCpu;
    }

    /** The guest kernel's serial console device. */
    String console() {
        return console;
    }

    /** Debian's meta-package for this architecture's kernel. */
    String kernelPackage() {
        return "linux-image-" + debianArch;
    }

    public static LabArch parse(String text) {
        for (LabArch a : values()) {
            if (a.label.equals(text) || a.unameMachine.equals(text)) {
                return a;
            }
        }
        throw new UsageException("lab arch '" + text + "' must be x86_64 or arm64");
    }

    /** This controller's architecture, from the running JVM. */
    public static LabArch controller() {
        return ofJvm(System.getProperty("os.arch"));
    }

    static LabArch ofJvm(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> ARM64;
            default -> throw new LabException("lab: this controller's architecture '" + osArch
                    + "' cannot run lab hosts; x86_64 and arm64 can");
        };
    }
}
