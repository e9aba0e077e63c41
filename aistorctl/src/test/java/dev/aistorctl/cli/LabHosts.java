package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;

/**
 * A lab brought up for one test class and always torn down after it. Lab tests need root; on a machine
 * that cannot run them they fail, never skip, so a broken lab cannot pass CI unnoticed.
 */
final class LabHosts implements AutoCloseable {
    private final Lab lab = Lab.standard();
    private final String name;
    final LabState state;

    LabHosts(String name, int hosts, int drives) {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        this.name = name;
        lab.down(name, line -> { });
        LabState started = null;
        try {
            started = lab.up(new LabSpec(name, hosts, drives, 2L << 30, false), System.err::println);
        } finally {
            if (started == null) {
                lab.down(name, line -> { });
            }
        }
        this.state = started;
    }

    Path inventory() {
        return state.inventory();
    }

    /** A copy of the lab's inventory with one piece of text replaced, e.g. to point at another known_hosts. */
    Path inventoryWith(Path dir, String fileName, String find, String replace) throws IOException {
        String text = Files.readString(inventory());
        assertThat(text).contains(find);
        return Files.writeString(dir.resolve(fileName), text.replace(find, replace));
    }

    /** Kills every process of the host at once, as a power loss would; its disks and address stay. */
    void powerCut(String host) {
        lab.stop(name, host, true, line -> { });
    }

    /** Boots a stopped host again and returns when it accepts SSH. */
    void start(String host) {
        lab.start(name, host, System.err::println);
    }

    /**
     * Slows writes to one block device to {@code bytesPerSecond}, machine-wide, with the cgroup v1 block-I/O
     * throttle of the root blkio cgroup (a loop device belongs to one lab host, so only that host feels it);
     * mkfs.xfs writes with direct I/O, which this throttle governs. Returns what {@link #unthrottle} takes.
     */
    static String throttleWrites(String device, long bytesPerSecond) {
        Path knob = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device");
        assertThat(knob).as("the cgroup v1 blkio controller, to make a format slow enough to cut").exists();
        try {
            String[] majorMinor = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev")).strip().split(":");
            String devNo = majorMinor[0] + ":" + majorMinor[1];
            Files.writeString(knob, devNo + " " + bytesPerSecond);
            return devNo;
        } catch (IOException e) {
            throw new AssertionError("cannot throttle " + device + ": " + e.getMessage(), e);
        }
    }

    static void unthrottle(String devNo) {
        try {
            Files.writeString(Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device"), devNo + " 0");
        } catch (IOException e) {
            throw new AssertionError("cannot lift the throttle of " + devNo + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lab.down(name, line -> { });
    }
}
