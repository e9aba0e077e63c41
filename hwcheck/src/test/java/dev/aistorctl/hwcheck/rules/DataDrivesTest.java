package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.HostFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system disk is not a data drive: the same definition drive preparation uses. */
class DataDrivesTest {

    /** The reference host with drive nvme7n1 carrying one partition mounted at {@code mount}. */
    private static HostFacts withSystemPartitionOnLastDrive(String mount) {
        ReferenceHost h = new ReferenceHost();
        h.blockDevices.replaceAll(b -> !b.name().equals("nvme7n1") ? b : new BlockDevice(b.name(), b.path(), b.type(),
                b.sizeBytes(), b.model(), b.serial(), b.wwn(), b.transport(), b.rotational(), b.readOnly(), b.removable(),
                null, null, null, "gpt", List.of(), 512, 4096, "none", List.of(new BlockDevice("nvme7n1p1", "/dev/nvme7n1p1",
                "part", 1L << 30, null, null, null, null, false, false, false, null, null, null, null, List.of(mount), 512, 4096,
                null, List.of()))));
        return h.build();
    }

    @Test
    void aDriveCarryingOnlyAnEfiPartitionIsTheSystemDisk() {
        DataDrives d = DataDrives.of(withSystemPartitionOnLastDrive("/efi"));
        assertThat(d.drives()).hasSize(7);
        assertThat(d.osDrives()).containsExactly("/dev/nvme7n1 (serial 2345MTFD0007) holds /efi");
    }

    @Test
    void aDriveCarryingOnlySwapIsTheSystemDisk() {
        DataDrives d = DataDrives.of(withSystemPartitionOnLastDrive("[SWAP]"));
        assertThat(d.drives()).hasSize(7);
        assertThat(d.osNote()).contains("holds [SWAP]");
    }

    @Test
    void aDataMountDoesNotMakeOne() {
        assertThat(DataDrives.of(withSystemPartitionOnLastDrive("/mnt/drive8")).drives()).hasSize(8);
    }
}
