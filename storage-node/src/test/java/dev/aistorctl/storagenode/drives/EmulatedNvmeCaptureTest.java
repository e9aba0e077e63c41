package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The qemu-x86-nvme bundle: a virtio OS disk holding /, four emulated NVMe drives, nvme1n1 with a
 * whole-disk ext4 filesystem mounted at /srv/data through fstab, and an optical drive. Captured
 * before the signature probe existed, so no drive can be proven blank: that is "unknown", not eligible.
 */
class EmulatedNvmeCaptureTest {
    private final HostDrives host = discover(Captures.emulated("qemu-x86-nvme"), Captures.rule(3, Captures.nvme("QEMU*")), "dc1");

    @Test
    void theOsDiskIsTheSystemDisk() {
        DriveCandidate vda = device(host, "vda");
        assertThat(vda.state()).isEqualTo(DriveState.DENIED);
        assertThat(messages(vda)).contains("system disk: holds /", "mounted at /", "foreign ext4 filesystem");
    }

    @Test
    void theDriveWithAFilesystemMountedFromFstabIsMountedAndForeign() {
        DriveCandidate nvme1 = device(host, "nvme1n1");
        assertThat(messages(nvme1)).contains("mounted at /srv/data", "foreign ext4 filesystem labelled data");
        assertThat(nvme1.drive().fstab()).containsExactly("/srv/data");
        assertThat(nvme1.drive().serial()).isEqualTo("MICRON7500-0001");
    }

    @Test
    void theOpticalDriveIsNotADrive() {
        assertThat(messages(device(host, "sr0"))).contains("not a drive: optical drive");
    }

    @Test
    void blankLookingDrivesAreUnknownWithoutTheProbe() {
        for (String name : new String[] {"nvme0n1", "nvme2n1", "nvme3n1"}) {
            DriveCandidate c = device(host, name);
            assertThat(c.state()).isEqualTo(DriveState.DENIED);
            assertThat(codes(c)).containsExactly(DenyReason.UNKNOWN);
        }
        assertThat(host.selected()).isZero();
        assertThat(host.problem()).startsWith("needs 3 data drives, found 0 usable")
                .doesNotContain("/dev/sr0", "mounted at /srv/data;x");
    }

    @Test
    void theModelRuleSaysWhatItWanted() {
        HostDrives micron = discover(Captures.emulated("qemu-x86-nvme"), Captures.rule(3, Captures.nvme("Micron_7500*")), "dc1");
        assertThat(messages(device(micron, "nvme0n1"))).contains("model QEMU NVMe Ctrl does not match 'Micron_7500*'");
        assertThat(messages(device(micron, "vda"))).contains("unknown: transport not reported (select transport: nvme)");
    }

    @Test
    void drivesAreListedByPciAddressThenSerial() {
        assertThat(host.devices()).extracting(c -> c.drive().name()).containsSubsequence("nvme0n1", "nvme1n1", "nvme2n1", "nvme3n1");
    }
}
