package dev.aistorctl.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The image files behind a container lab's drives: sparse by default, so that a lab costs only the disk its hosts
 * write; allocated, every block, for a lab that measures its drives. A write into a hole of a sparse image makes
 * this machine's filesystem allocate the blocks under it during the write, work a real drive never does: on
 * direct-I/O lab drives the first write of a region ran at half the speed of a later one, and each fresh lab's
 * drives then measured differently depending on which tool wrote where first.
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
