package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container host's drive throttle, against files standing in for the blkio knobs: what is written there (the
 * kernel takes one "MAJOR:MINOR BYTES" line a write, 0 removing the rule) and how the rules in force are read.
 */
class BlkioThrottleTest {
    private static final String WRITE = "blkio.throttle.write_bps_device";
    private static final String READ = "blkio.throttle.read_bps_device";

    @Test
    void limitsAreSetForThatDeviceAloneInTheDirectionsGiven(@TempDir Path root) throws Exception {
        knobs(root, "", "");
        new BlkioThrottle(root).set("7:12", new DriveThrottle(131072, 131072));
        assertThat(Files.readString(root.resolve(WRITE))).isEqualTo("7:12 131072");
        assertThat(Files.readString(root.resolve(READ))).isEqualTo("7:12 131072");

        knobs(root, "", "");
        new BlkioThrottle(root).set("7:12", new DriveThrottle(0, 4096));
        assertThat(Files.readString(root.resolve(WRITE))).isEqualTo("7:12 4096");
        assertThat(Files.readString(root.resolve(READ))).as("no read limit: nothing written").isEmpty();
    }

    @Test
    void settingLimitsReplacesTheOldOnesAWriteOnlyThrottleLiftsAReadLimit(@TempDir Path root) throws Exception {
        knobs(root, "7:12 5\n", "7:12 5\n");
        new BlkioThrottle(root).set("7:12", new DriveThrottle(0, 4096));
        assertThat(Files.readString(root.resolve(WRITE))).isEqualTo("7:12 4096");
        assertThat(Files.readString(root.resolve(READ))).as("the old read limit removed").isEqualTo("7:12 0");
    }

    @Test
    void theLimitInForceIsReadByDeviceNumberNoneIsZero(@TempDir Path root) throws Exception {
        knobs(root, "7:1 5242880\n7:12 131072\n", "7:1 5242880\n");
        BlkioThrottle blkio = new BlkioThrottle(root);
        assertThat(blkio.limits("7:12")).isEqualTo(new DriveThrottle(0, 131072));
        assertThat(blkio.limits("7:1")).isEqualTo(new DriveThrottle(5242880, 5242880));
        assertThat(blkio.limits("7:120")).as("not a prefix match").isEqualTo(DriveThrottle.NONE);
        assertThat(BlkioThrottle.limitIn(List.of("259:3 9"), "259:3")).isEqualTo(9);
    }

    @Test
    void liftingWritesZeroOnlyWhereTheDeviceHasALimit(@TempDir Path root) throws Exception {
        knobs(root, "7:1 5\n7:12 131072\n", "7:1 5\n");
        BlkioThrottle blkio = new BlkioThrottle(root);
        assertThat(blkio.lift("7:12")).isTrue();
        assertThat(Files.readString(root.resolve(WRITE))).isEqualTo("7:12 0");
        assertThat(Files.readString(root.resolve(READ))).as("no read limit on 7:12: nothing written").isEqualTo("7:1 5\n");

        knobs(root, "", "");
        assertThat(blkio.lift("7:12")).as("nothing to lift").isFalse();
        assertThat(Files.readString(root.resolve(WRITE))).isEmpty();
    }

    @Test
    void withoutTheBlkioControllerSettingIsRefusedWithTheReasonAndNothingIsInForce(@TempDir Path root) throws Exception {
        BlkioThrottle none = new BlkioThrottle(root.resolve("absent"));
        assertThatThrownBy(() -> none.set("7:12", new DriveThrottle(1024, 1024))).isInstanceOf(LabException.class)
                .hasMessageContaining("no cgroup v1 blkio controller").hasMessageContaining("VM hosts are throttled by QEMU");
        assertThat(none.limits("7:12")).isEqualTo(DriveThrottle.NONE);
        assertThat(none.lift("7:12")).isFalse();
    }

    private static void knobs(Path root, String write, String read) throws Exception {
        Files.writeString(root.resolve(WRITE), write);
        Files.writeString(root.resolve(READ), read);
    }
}
