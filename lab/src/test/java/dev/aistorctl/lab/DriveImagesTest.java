package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparse and allocated drive images, and what keeps an allocated one allocated, without a loop device. */
class DriveImagesTest {
    private static final long SIZE = 64L << 20;

    /** Bytes the file takes on its filesystem (st_blocks of 512 bytes), not its length. */
    private static long allocatedBytes(Path file) {
        return 512 * Long.parseLong(Proc.check("stat", Duration.ofSeconds(10), "stat", "-c", "%b", file.toString())
                .stdoutText().strip());
    }

    @Test
    void anAllocatedImageTakesItsWholeSizeOnDiskAndASparseOneAlmostNothing(@TempDir Path dir) throws IOException {
        Path allocated = dir.resolve("allocated.img");
        Path sparse = dir.resolve("sparse.img");
        DriveImages.create(allocated, SIZE, true);
        DriveImages.create(sparse, SIZE, false);

        assertThat(Files.size(allocated)).isEqualTo(SIZE);
        assertThat(Files.size(sparse)).isEqualTo(SIZE);
        assertThat(allocatedBytes(allocated)).isGreaterThanOrEqualTo(SIZE);
        assertThat(allocatedBytes(sparse)).isLessThan(1L << 20);
    }

    @Test
    void aDriveThatMustStayAllocatedGetsADiscardLimitOfZero(@TempDir Path sysBlock) throws IOException {
        Path queue = Files.createDirectories(sysBlock.resolve("loop7/queue"));
        Files.writeString(queue.resolve("discard_max_bytes"), "4294966784\n");

        LoopDevices.refuseDiscards(sysBlock, "/dev/loop7");

        assertThat(Files.readString(queue.resolve("discard_max_bytes"))).isEqualTo("0");
    }

    @Test
    void aDriveWhoseDiscardLimitCannotBeSetFailsTheLabUp(@TempDir Path sysBlock) {
        assertThatThrownBy(() -> LoopDevices.refuseDiscards(sysBlock, "/dev/loop9")).isInstanceOf(LabException.class)
                .hasMessageContaining("cannot make /dev/loop9 refuse discards");
    }

    @Test
    void onlyAContainerLabAllocatesItsDrivesAndItsRecordRemembersIt(@TempDir Path dir) {
        assertThat(LabSpec.defaults("lab").allocatedDrives()).isFalse();
        assertThat(new LabSpec("lab", 3, 2, 2L << 30, false, LabKind.CONTAINER, null, null, true).allocatedDrives()).isTrue();
        assertThatThrownBy(() -> new LabSpec("vms", 1, 2, 2L << 30, false, LabKind.VM, null, null, true))
                .isInstanceOf(UsageException.class).hasMessageContaining("--allocate-drives is for container labs");

        LabRecord r = new LabRecord("lab");
        r.allocatedDrives = true;
        r.write(dir);
        assertThat(LabRecord.read("lab", dir).allocatedDrives).isTrue();
        r.allocatedDrives = false;
        r.write(dir);
        assertThat(LabRecord.read("lab", dir).allocatedDrives).isFalse();
    }
}
