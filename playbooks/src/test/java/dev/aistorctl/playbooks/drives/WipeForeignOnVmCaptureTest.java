package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --wipe-foreign} on the qemu-vm-foreign-drives bundle (a VM lab host whose four NVMe drives are a GPT
 * disk with an ext4 partition, an LVM physical volume with an active volume, a stopped md member and a swap
 * signature): it takes a drive only when nothing but unused signatures stand in its way, and only the one named.
 */
class WipeForeignOnVmCaptureTest {
    private static CaptureBundle capture() {
        String fixtures = System.getProperty("aistorctl.fixtures");
        assertThat(fixtures).as("system property aistorctl.fixtures (set by the Maven build)").isNotBlank();
        return CaptureBundle.read(Path.of(fixtures, "emulated", "qemu-vm-foreign-drives"));
    }

    private static DriveLayout layout(int drives, Set<String> wipe) {
        InventoryHost h = LabCaptures.inventory(drives).hosts().get(0);
        return DriveLayout.of("node1", capture(), h.pool(), h.drives(), LabCaptures.CLUSTER, wipe);
    }

    @Test
    void withoutANameNothingIsTaken() {
        assertThatThrownBy(() -> layout(4, Set.of())).isInstanceOf(RemoteException.class)
                .hasMessageContaining("needs 4 data drives, found 0 usable");
    }

    @Test
    void theSwapDriveNamedByItsSerialIsTheOnlyOneWiped() {
        DriveLayout layout = layout(1, Set.of("VGN1D4"));

        assertThat(layout.formats()).singleElement().satisfies(s -> {
            assertThat(s.drive().path()).isEqualTo("/dev/nvme3n1");
            assertThat(s.action()).isEqualTo(DriveLayout.Action.WIPE_AND_FORMAT);
            assertThat(s.before()).isEqualTo("swap signature labelled oldswap, not in use");
        });
    }

    @Test
    void theStoppedMdMemberIsWipeableWhenNamed() {
        assertThat(layout(1, Set.of("VGN1D3")).formats()).singleElement()
                .satisfies(s -> assertThat(s.drive().path()).isEqualTo("/dev/nvme2n1"));
    }

    @Test
    void aPartitionedDriveOrOneHeldByAnActiveVolumeIsRefusedEvenWhenNamed() {
        assertThatThrownBy(() -> layout(1, Set.of("VGN1D1"))).isInstanceOf(RemoteException.class)
                .hasMessageContaining("refused to wipe /dev/nvme0n1 (VGN1D1) denied: has partitions: nvme0n1p1");
        assertThatThrownBy(() -> layout(1, Set.of("VGN1D2"))).isInstanceOf(RemoteException.class)
                .hasMessageContaining("refused to wipe /dev/nvme1n1 (VGN1D2) denied: held by keepvg-keeplv");
    }
}
