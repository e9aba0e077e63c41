package dev.aistorctl.lab;

/**
 * The limits {@code lab throttle} put on a lab drive, in bytes per second each way; 0 is no limit. A drive slowed
 * for writes alone lets a format crawl while the probes that read it stay quick.
 */
public record DriveThrottle(long readBytesPerSecond, long writeBytesPerSecond) {
    public static final DriveThrottle NONE = new DriveThrottle(0, 0);

    public DriveThrottle {
        if (readBytesPerSecond < 0 || writeBytesPerSecond < 0) {
            throw new IllegalArgumentException("a throttle is a number of bytes per second, 0 for none: "
                    + readBytesPerSecond + " read, " + writeBytesPerSecond + " write");
        }
    }

    public boolean none() {
        return readBytesPerSecond == 0 && writeBytesPerSecond == 0;
    }
}
