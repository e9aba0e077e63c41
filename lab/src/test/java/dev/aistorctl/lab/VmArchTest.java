package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QEMU command line and the prerequisites of a VM host per architecture, without QEMU. */
class VmArchTest {
    private static final HostLayout LAYOUT = HostLayout.of(Path.of("/state"), "vms-node1");
    private static final VmImage IMAGE = new VmImage(Path.of("/cache/image"));

    private static List<String> machine(LabArch arch, String accel) {
        return VmHostBuilder.machine(arch, accel, "vms-node1", 768, IMAGE, LAYOUT);
    }

    /** The value that follows {@code option} on the command line. */
    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertThat(i).as(option + " in " + args).isNotNegative();
        return args.get(i + 1);
    }

    @Test
    void anX86HostIsAQ35PcWithItsConsoleOnTheUartAndSmbiosTables() {
        List<String> args = machine(LabArch.X86_64, Accelerator.TCG);
        assertThat(args.get(0)).isEqualTo("qemu-system-x86_64");
        assertThat(after(args, "-machine")).isEqualTo("q35");
        assertThat(after(args, "-cpu")).isEqualTo("max");
        assertThat(after(args, "-accel")).isEqualTo("tcg,tb-size=128");
        assertThat(after(args, "-m")).isEqualTo("768M");
        assertThat(after(args, "-append")).startsWith("root=LABEL=labroot rw console=ttyS0,115200 ");
        assertThat(after(args, "-kernel")).isEqualTo("/cache/image/vmlinuz");
        assertThat(after(args, "-initrd")).isEqualTo("/cache/image/initrd.img");
        assertThat(args).contains("type=17,manufacturer=QEMU,part=LAB-DIMM,speed=3200,serial=vms-node1-dimm",
                "name=opt/aistorctl/seed,file=/state/hosts/vms-node1/seed.tar");
        assertThat(LabArch.X86_64.kernelPackage()).isEqualTo("linux-image-amd64");
    }

    @Test
    void anArm64HostIsAVirtBoardWithANeoverseN1AndThePl011Console() {
        List<String> args = machine(LabArch.ARM64, Accelerator.TCG);
        assertThat(args.get(0)).isEqualTo("qemu-system-aarch64");
        assertThat(after(args, "-machine")).isEqualTo("virt");
        assertThat(after(args, "-cpu")).isEqualTo("neoverse-n1");
        assertThat(after(args, "-append")).startsWith("root=LABEL=labroot rw console=ttyAMA0,115200 ").doesNotContain("ttyS0");
        // virt shows SMBIOS only to UEFI firmware, which a directly booted kernel lacks: none are set.
        assertThat(args).doesNotContain("-smbios");
        assertThat(args).contains("name=opt/aistorctl/seed,file=/state/hosts/vms-node1/seed.tar");
        assertThat(LabArch.ARM64.kernelPackage()).isEqualTo("linux-image-arm64");
        assertThat(LabArch.ARM64.unameMachine()).isEqualTo("aarch64");
    }

    @Test
    void underKvmTheGuestGetsTheControllersOwnCpu() {
        assertThat(after(machine(LabArch.ARM64, Accelerator.KVM), "-cpu")).isEqualTo("max");
        assertThat(after(machine(LabArch.X86_64, Accelerator.KVM), "-cpu")).isEqualTo("max");
        assertThat(after(machine(LabArch.X86_64, Accelerator.KVM), "-accel")).isEqualTo("kvm");
    }

    @Test
    void archNamesAreDebiansOrTheKernelsAndAnythingElseIsRefused() {
        assertThat(LabArch.parse("arm64")).isEqualTo(LabArch.ARM64);
        assertThat(LabArch.parse("aarch64")).isEqualTo(LabArch.ARM64);
        assertThat(LabArch.parse("x86_64")).isEqualTo(LabArch.X86_64);
        assertThatThrownBy(() -> LabArch.parse("riscv64")).isInstanceOf(UsageException.class)
                .hasMessageContaining("must be x86_64 or arm64");
        assertThat(LabArch.ofJvm("amd64")).isEqualTo(LabArch.X86_64);
        assertThat(LabArch.ofJvm("aarch64")).isEqualTo(LabArch.ARM64);
        assertThatThrownBy(() -> LabArch.ofJvm("ppc64le")).isInstanceOf(LabException.class).hasMessageContaining("ppc64le");
    }

    @Test
    void theOtherArchitectureNeedsTheVmKindAndDefaultsToTheControllers() {
        LabArch other = LabArch.controller() == LabArch.X86_64 ? LabArch.ARM64 : LabArch.X86_64;
        assertThat(new LabSpec("vms", 1, 2, 1L << 30, false, LabKind.VM, null).arch()).isEqualTo(LabArch.controller());
        assertThat(new LabSpec("vms", 1, 2, 1L << 30, false, LabKind.VM, null, other).arch()).isEqualTo(other);
        assertThatThrownBy(() -> new LabSpec("lab", 1, 2, 1L << 30, false, LabKind.CONTAINER, null, other))
                .isInstanceOf(UsageException.class).hasMessageContaining("--arch " + other.label() + " needs --kind vm");
    }

    @Test
    void anArm64LabNeedsQemuForArmAndOnAnotherArchitectureTheToolsThatBuildItsDisk() {
        var required = Tools.required(LabKind.VM, LabArch.ARM64);
        assertThat(required).containsEntry("qemu-system-aarch64", "qemu-system-arm").containsEntry("qemu-img", "qemu-utils")
                .doesNotContainKey("qemu-system-x86_64");
        if (LabArch.controller() != LabArch.ARM64) {
            assertThat(required).containsEntry("cpio", "cpio").containsEntry("dpkg-deb", "dpkg");
        }
    }

    @Test
    void theLabRecordKeepsTheArchitecture() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("labrecord");
        try {
            LabRecord r = new LabRecord("vms");
            r.kind = LabKind.VM;
            r.arch = LabArch.ARM64;
            r.write(dir);
            assertThat(LabRecord.read("vms", dir).arch).isEqualTo(LabArch.ARM64);
        } finally {
            BaseImage.deleteTree(dir);
        }
    }

    @Test
    void arm64HostsAreHeldToTheProfileWithoutSmbios() {
        assertThat(Lab.hardwareProfile(new LabSpec("vms", 1, 2, 1L << 30, false, LabKind.VM, null, LabArch.ARM64)))
                .isEqualTo("lab-vm-arm64");
        assertThat(Lab.hardwareProfile(new LabSpec("vms", 1, 2, 1L << 30, false, LabKind.VM, null, LabArch.X86_64)))
                .isEqualTo("lab-vm");
        assertThat(Lab.hardwareProfile(new LabSpec("lab", 1, 2, 1L << 30, false))).isEqualTo("lab");
    }
}
