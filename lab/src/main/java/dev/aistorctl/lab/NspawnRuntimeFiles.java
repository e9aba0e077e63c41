package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What systemd-nspawn leaves in /run/systemd/nspawn when it is killed instead of exiting: a lock
 * file named after the device and inode of the container's root directory, and an empty
 * propagation directory named after the machine. Only the files of this lab's hosts are removed.
 */
final class NspawnRuntimeFiles {
    private static final Path RUN = Path.of("/run/systemd/nspawn");

    private NspawnRuntimeFiles() {
    }

    static void remove(List<String> hosts, Path stateDir) {
        for (String host : hosts) {
            try {
                Files.deleteIfExists(RUN.resolve("propagate").resolve(host));
                Path root = HostLayout.of(stateDir, host).root();
                if (Files.isDirectory(root)) {
                    long dev = (Long) Files.getAttribute(root, "unix:dev");
                    long ino = (Long) Files.getAttribute(root, "unix:ino");
                    Files.deleteIfExists(RUN.resolve("locks").resolve("inode-" + dev + ":" + ino));
                }
            } catch (IOException | RuntimeException e) {
                // best effort: these are empty files in /run, gone at the next boot
            }
        }
    }
}
