package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.aistorctl.core.UsageException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code lab throttle} on a container host: the limit is the kernel's (the root blkio cgroup's rule on the drive's loop
 * device), the host's own direct writes feel it, status reads it back, and down lifts it, so that no rule is left on a
 * device number the next loop device will get.
 */
@Tag("lab")
class LabThrottleIT {
    private static final String NAME = "itthrot";
    private static final long SLOW = 128 << 10;

    @Test
    void aThrottledDriveSlowsTheHostsWritesStatusShowsItAndDownLiftsIt() throws Exception {
        LabTesting.requireLabMachine();
        Lab lab = Lab.standard();
        lab.down(NAME, s -> { });
        String devNo;
        try {
            LabState state = lab.up(new LabSpec(NAME, 1, 2, 1L << 30, false), s -> { });
            LabHost host = state.hosts().get(0);
            LabDrive drive = host.dataDrives().get(1);
            devNo = BlkioThrottle.devNo(drive.device());

            lab.throttle(NAME, host.name(), 2, new DriveThrottle(0, SLOW), s -> { });
            assertThat(knob("write")).contains(devNo + " " + SLOW);
            assertThat(knob("read")).doesNotContain(devNo + " ");
            assertThat(lab.status(NAME).hosts().get(0).dataDrives()).extracting(LabDrive::throttle)
                    .containsExactly(DriveThrottle.NONE, new DriveThrottle(0, SLOW));
            // 512 KiB of direct writes at 128 KiB/s: about 4 s, where the drive alone takes a blink
            long t0 = System.nanoTime();
            LabTesting.sshOk(state, host, "dd if=/dev/zero of=" + drive.device() + " bs=64k count=8 oflag=direct status=none");
            assertThat((System.nanoTime() - t0) / 1e9).as("the host's writes wait for the throttle").isGreaterThan(2.5);

            lab.throttle(NAME, host.name(), 2, DriveThrottle.NONE, s -> { });
            assertThat(knob("write")).doesNotContain(devNo + " ");
            assertThat(lab.status(NAME).hosts().get(0).dataDrives()).extracting(LabDrive::throttle).containsOnly(DriveThrottle.NONE);
            assertThatThrownBy(() -> lab.throttle(NAME, host.name(), 3, DriveThrottle.NONE, s -> { })).isInstanceOf(UsageException.class)
                    .hasMessageContaining("has data drives 1 to 2, not 3");

            lab.throttle(NAME, host.name(), 2, new DriveThrottle(SLOW, SLOW), s -> { });
            assertThat(knob("read")).contains(devNo + " " + SLOW);
        } finally {
            lab.down(NAME, s -> { });
        }
        assertThat(knob("write") + knob("read")).as("down lifted the throttle of the loop device it detached").doesNotContain(devNo + " ");
    }

    private static String knob(String direction) throws Exception {
        return Files.readString(Path.of("/sys/fs/cgroup/blkio/blkio.throttle." + direction + "_bps_device"));
    }
}
