package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static dev.aistorctl.storagenode.drives.Captures.nvme;
import static dev.aistorctl.storagenode.drives.Captures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The qemu-vm-arm64 bundle: an arm64 VM lab host (aarch64 kernel, two blank emulated NVMe drives, the
 * virtio OS disk with /boot and /). Both NVMe drives are taken, the OS disk never.
 */
class VmArm64CaptureTest {
    private final HostDrives host = discover(Captures.emulated("qemu-vm-arm64"), rule(2, nvme(null)), "arm1");

    @Test
    void theOsDiskIsTheSystemDisk() {
        DriveCandidate vda = device(host, "vda");
        assertThat(vda.selected()).isFalse();
        assertThat(codes(vda)).contains(DenyReason.SYSTEM_DISK, DenyReason.MOUNTED, DenyReason.HAS_PARTITIONS);
        assertThat(messages(vda)).contains("system disk: holds / (through /dev/vda2)", "system disk: holds /boot (through /dev/vda1)");
    }

    @Test
    void bothNvmeDrivesAreSelectedBySerial() {
        assertThat(host.problem()).isNull();
        assertThat(host.selectedDrives()).extracting(c -> c.drive().serial()).containsExactlyInAnyOrder("ARM1N1D1", "ARM1N1D2");
        assertThat(host.selectedDrives()).allSatisfy(c -> assertThat(c.denyReasons()).isEmpty());
        assertThat(host.selectedDrives()).extracting(DriveCandidate::mountPoint).containsExactlyInAnyOrder("/mnt/drive1", "/mnt/drive2");
    }
}
