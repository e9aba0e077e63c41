package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.labRule;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The qemu-vm-foreign-drives bundle: a VM lab host's real kernel with four emulated NVMe drives made
 * foreign inside the guest (a GPT disk with an ext4 partition, an LVM physical volume with an active
 * logical volume, a stopped md RAID1 member, a swap signature) beside the virtio OS disk. The guard
 * denies each for its own reason from the capture alone.
 */
class VmForeignDrivesCaptureTest {
    private final HostDrives host = discover(Captures.emulated("qemu-vm-foreign-drives"), labRule(), "vg");

    @Test
    void theOsDiskIsTheSystemDisk() {
        DriveCandidate vda = device(host, "vda");
        assertThat(codes(vda)).contains(DenyReason.SYSTEM_DISK, DenyReason.MOUNTED, DenyReason.HAS_PARTITIONS);
        assertThat(messages(vda)).contains("system disk: holds / (through /dev/vda2)", "system disk: holds /boot (through /dev/vda1)");
    }

    @Test
    void theGptDiskIsPartitionedAndNamesItsTableOnce() {
        DriveCandidate gpt = device(host, "nvme0n1");
        assertThat(gpt.drive().serial()).isEqualTo("VGN1D1");
        assertThat(messages(gpt)).containsExactly("has partitions: nvme0n1p1", "has a gpt partition table",
                "has a PMBR partition table");
        assertThat(codes(gpt)).containsExactly(DenyReason.HAS_PARTITIONS, DenyReason.PARTITION_TABLE, DenyReason.PARTITION_TABLE);
    }

    @Test
    void theLvmPhysicalVolumeIsAMemberAndHeldByItsActiveVolume() {
        DriveCandidate pv = device(host, "nvme1n1");
        assertThat(pv.drive().serial()).isEqualTo("VGN1D2");
        assertThat(messages(pv)).containsExactly("held by keepvg-keeplv",
                "LVM physical volume (LVM2_member label lEHx4v-YQbE-ecuy-84QI-vGFh-RvjA-gXabit)");
        assertThat(codes(pv)).containsExactly(DenyReason.HELD, DenyReason.LVM_MEMBER);
    }

    @Test
    void theStoppedArraysMemberIsAnMdMemberOnly() {
        DriveCandidate member = device(host, "nvme2n1");
        assertThat(member.drive().serial()).isEqualTo("VGN1D3");
        assertThat(messages(member)).containsExactly("md RAID member of array vg-node1:0 (7a9839b0-aac5-9427-0c27-4c88bc07cb04)");
        assertThat(codes(member)).containsExactly(DenyReason.MD_MEMBER);
    }

    @Test
    void theSwapSignatureNotInUseIsSwapOnly() {
        DriveCandidate swap = device(host, "nvme3n1");
        assertThat(swap.drive().serial()).isEqualTo("VGN1D4");
        assertThat(messages(swap)).containsExactly("swap signature labelled oldswap, not in use");
        assertThat(codes(swap)).containsExactly(DenyReason.SWAP);
    }

    @Test
    void noDriveIsUsableAndTheProblemSaysWhyForEach() {
        assertThat(host.selected()).isZero();
        assertThat(host.problem()).startsWith("needs 4 data drives, found 0 usable")
                .contains("/dev/nvme0n1 denied: has partitions", "/dev/nvme1n1 denied: held by keepvg-keeplv",
                        "/dev/nvme2n1 denied: md RAID member", "/dev/nvme3n1 denied: swap signature")
                .doesNotContain("/dev/md127");
    }
}
