package dev.aistorctl.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The image files behind a container lab's drives: sparse by default, so that a lab costs only the disk its hosts
 * write; allocated, every block, for a lab that measures its drives. A write into a hole of a sparse image makes
 * this machine's filesystem allocate the blocks under it during the write, work a real drive never does: on two
 * direct-I/O lab drives written at once, the first 1 GiB write ran at 689 and 1768 MB/s, the same write later at
 * 1673-2088.
 */
final class DriveImages {
    private static final Duration T = Duration.ofMinutes(2);

    private DriveImages() {
    }

    static void create(Path file, long size, boolean allocated) throws IOException {
        if (allocated) {
            allocate(file, size);
        } else {
            sparse(file, size);
        }
    }

    static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Java has no fallocate; util-linux's allocates 2 GiB on ext4 or XFS in milliseconds, without writing it. */
    static void allocate(Path file, long size) {
        Proc.check("allocate " + file.getFileName() + " (" + InventoryFile.size(size) + " of this machine's disk)", T,
                "fallocate", "--length", Long.toString(size), file.toString());
    }
}
