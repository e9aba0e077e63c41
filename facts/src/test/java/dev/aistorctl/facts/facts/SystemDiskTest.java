package dev.aistorctl.facts.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemDiskTest {

    private static BlockDevice device(String name, String type, List<String> mounts, List<BlockDevice> children) {
        return new BlockDevice(name, "/dev/" + name, type, 1L << 30, null, null, null, null, false, false, false,
                null, null, null, null, mounts, 512, 4096, null, children);
    }

    @Test
    void anEfiPartitionAloneMakesTheSystemDisk() {
        BlockDevice disk = device("nvme0n1", "disk", List.of(), List.of(device("nvme0n1p1", "part", List.of("/efi"), List.of())));
        assertThat(SystemDisk.use(disk)).hasValue("/efi");
    }

    @Test
    void swapAloneMakesTheSystemDisk() {
        BlockDevice disk = device("sdb", "disk", List.of(), List.of(device("sdb1", "part", List.of("[SWAP]"), List.of())));
        assertThat(SystemDisk.use(disk)).hasValue("[SWAP]");
    }

    @Test
    void rootThroughLvmAndEveryOtherSystemMountCount() {
        BlockDevice lv = device("vg0-root", "lvm", List.of("/"), List.of());
        assertThat(SystemDisk.use(device("sda", "disk", List.of(), List.of(device("sda2", "part", List.of(), List.of(lv))))))
                .hasValue("/");
        for (String m : List.of("/", "/boot", "/boot/efi", "/efi", "/usr", "/var")) {
            assertThat(SystemDisk.isSystemMount(m)).as(m).isTrue();
        }
    }

    @Test
    void aDataDiskIsNot() {
        assertThat(SystemDisk.use(device("nvme1n1", "disk", List.of("/mnt/drive1"), List.of()))).isEmpty();
        assertThat(SystemDisk.isSystemMount("/mnt/drive1")).isFalse();
        assertThat(SystemDisk.isSystemMount("/var/lib/minio")).isFalse();
        assertThat(SystemDisk.isSystemMount(null)).isFalse();
    }
}
