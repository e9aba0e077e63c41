package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Slows a container host's data drive from outside: the cgroup v1 block-I/O throttle of this machine's root
 * blkio cgroup, on the drive's loop device, for reads, writes or both. A loop device belongs to one lab host, so only
 * that host feels it; mkfs.xfs writes with direct I/O, which this throttle governs. A rule stays on the device
 * number after the loop device is detached, and would slow whatever attaches there next: down lifts it.
 */
final class BlkioThrottle {
    static final Path STANDARD_ROOT = Path.of("/sys/fs/cgroup/blkio");
    private static final String WRITE = "blkio.throttle.write_bps_device";
    private static final String READ = "blkio.throttle.read_bps_device";

    private final Path root;

    BlkioThrottle(Path root) {
        this.root = root;
    }

    static BlkioThrottle standard() {
        return new BlkioThrottle(STANDARD_ROOT);
    }

    boolean available() {
        return Files.isRegularFile(root.resolve(WRITE)) && Files.isRegularFile(root.resolve(READ));
    }

    /** Holds {@code devNo} ({@code MAJOR:MINOR}) to exactly these limits: a direction at 0 has none. */
    void set(String devNo, DriveThrottle limits) throws IOException {
        if (!available()) {
            throw new LabException("lab: this machine has no cgroup v1 blkio controller (" + root.resolve(WRITE)
                    + "), which throttles a container host's drive; VM hosts are throttled by QEMU");
        }
        lift(devNo);
        if (limits.writeBytesPerSecond() > 0) {
            Files.writeString(root.resolve(WRITE), devNo + " " + limits.writeBytesPerSecond());
        }
        if (limits.readBytesPerSecond() > 0) {
            Files.writeString(root.resolve(READ), devNo + " " + limits.readBytesPerSecond());
        }
    }

    /** The device's limits now; none without the blkio controller. */
    DriveThrottle limits(String devNo) throws IOException {
        if (!available()) {
            return DriveThrottle.NONE;
        }
        return new DriveThrottle(limitIn(Files.readAllLines(root.resolve(READ)), devNo),
                limitIn(Files.readAllLines(root.resolve(WRITE)), devNo));
    }

    /** Lifts the limits of {@code devNo} in each direction that has one, nothing else; whether there was one. */
    boolean lift(String devNo) throws IOException {
        boolean lifted = false;
        if (!available()) {
            return lifted;
        }
        for (String knob : List.of(WRITE, READ)) {
            if (limitIn(Files.readAllLines(root.resolve(knob)), devNo) > 0) {
                Files.writeString(root.resolve(knob), devNo + " 0");
                lifted = true;
            }
        }
        return lifted;
    }

    /** The limit on {@code devNo} in a knob's lines ({@code "7:12 131072"} each), 0 when none. */
    static long limitIn(List<String> knobLines, String devNo) {
        for (String line : knobLines) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].equals(devNo)) {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    /** The {@code MAJOR:MINOR} of a block device such as {@code /dev/loop5}, from sysfs. */
    static String devNo(String device) throws IOException {
        return Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev")).strip();
    }
}
