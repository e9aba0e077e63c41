package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a VM lab is asked for and the names and numbers it derives, without starting anything. */
class VmLabSpecTest {
    private static LabSpec vm(LinkLowering lowering) {
        return new LabSpec("vms", 3, 4, 2L << 30, false, LabKind.VM, lowering);
    }

    @Test
    void theLoweredLinkMustNameAHostAndADriveOfTheLab() {
        assertThat(vm(LinkLowering.parse("vms-node2:3")).lowerLink()).isEqualTo(new LinkLowering("vms-node2", 3));
        assertThatThrownBy(() -> vm(LinkLowering.parse("vms-node4:1"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("no such host; the hosts are vms-node1..vms-node3");
        assertThatThrownBy(() -> vm(LinkLowering.parse("vms-node1:5"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("drive must be 1..4");
        assertThatThrownBy(() -> vm(LinkLowering.parse("other-node1:1"))).isInstanceOf(UsageException.class);
        for (String bad : new String[] {"vms-node1", "vms-node1:", ":2", "vms-node1:x"}) {
            assertThatThrownBy(() -> LinkLowering.parse(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--lower-link");
        }
    }

    @Test
    void aContainerHasNoLinkToLower() {
        assertThatThrownBy(() -> new LabSpec("lab", 1, 1, 1L << 30, false, LabKind.CONTAINER, new LinkLowering("lab-node1", 1)))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs --kind vm");
        assertThat(new LabSpec("lab", 1, 1, 1L << 30, false).kind()).isEqualTo(LabKind.CONTAINER);
        assertThatThrownBy(() -> LabKind.parse("kvm")).isInstanceOf(UsageException.class).hasMessageContaining("container or vm");
    }

    @Test
    void serialsAndMacsAreDistinctAcrossHostsDrivesAndLabs() {
        LabSpec spec = vm(null);
        List<String> serials = List.of(VmHostBuilder.serial(spec, 1, 1), VmHostBuilder.serial(spec, 1, 2),
                VmHostBuilder.serial(spec, 2, 1), VmHostBuilder.serial(new LabSpec("vmt", 3, 4, 2L << 30, false, LabKind.VM, null), 1, 1));
        assertThat(serials).doesNotHaveDuplicates().allMatch(s -> s.length() <= 20);
        assertThat(VmHostBuilder.serial(spec, 2, 3)).isEqualTo("VMSN2D3");
        assertThat(VmHostBuilder.mac("10.213.145", 2)).isEqualTo("52:54:00:d5:91:02");
        assertThat(VmHostBuilder.mac("10.213.146", 2)).isNotEqualTo(VmHostBuilder.mac("10.213.145", 2));
    }

    @Test
    void onlyTheLoweredDrivesPortAdvertisesMoreThanTheDriveTrainsAt() {
        assertThat(VmHostBuilder.portLink(false)).isEqualTo("x-speed=2_5,x-width=1");
        assertThat(VmHostBuilder.portLink(true)).isEqualTo("x-speed=16,x-width=4");
        assertThat(VmHostBuilder.accelOption(Accelerator.TCG)).isEqualTo("tcg,tb-size=128");
        assertThat(VmHostBuilder.accelOption(Accelerator.KVM)).isEqualTo("kvm");
    }

    @Test
    void tooLittleMemoryIsRefusedWithTheNumbersBeforeAnythingStarts() {
        LabSpec spec = vm(null);
        GuestMemory.check(spec, 3 * (LabSpec.VM_MEMORY_MIB + GuestMemory.OVERHEAD_MIB));
        assertThatThrownBy(() -> GuestMemory.check(spec, 2000)).isInstanceOf(LabException.class)
                .hasMessageContaining("need 2688 MiB (3 x (768 MiB guest + 128 MiB QEMU))")
                .hasMessageContaining("2000 MiB available").hasMessageContaining("nothing was started");
    }

    @Test
    void theVmInventoryNamesTheVmProfile() {
        String inv = InventoryFile.render("vms", "lab-vm", 4, 2L << 30, Path.of("/k"), Path.of("/kh"), Path.of("/pw"),
                List.<String[]>of(new String[] {"vms-node1", "10.213.5.11"}));
        assertThat(inv).contains("hardware_profile: lab-vm,");
    }

    @Test
    void withoutQemuTheVmKindNamesThePackagesToInstall() {
        assertThat(Tools.required(LabKind.VM, LabArch.X86_64)).containsEntry("qemu-system-x86_64", "qemu-system-x86")
                .containsEntry("qemu-img", "qemu-utils").doesNotContainKey("qemu-system-aarch64");
        assertThat(Tools.required(LabKind.CONTAINER, LabArch.X86_64)).doesNotContainKeys("qemu-system-x86_64", "qemu-img");
    }
}
