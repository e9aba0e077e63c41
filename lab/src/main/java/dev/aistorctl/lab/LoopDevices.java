package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loop devices over the lab's image files. Ownership is by backing file: a loop device is the
 * lab's exactly when its backing file lies under the lab's state directory, so other users' loop
 * devices are never touched.
 */
final class LoopDevices {
    private static final Duration T = Duration.ofSeconds(30);

    private LoopDevices() {
    }

    /** Serialised: parallel losetup --find calls can race for the same free device. */
    static synchronized String attach(String host, Path file) {
        return Proc.check(host + ": attach " + file.getFileName(), T, "losetup", "--find", "--show", file.toString())
                .stdoutText().strip();
    }

    /**
     * Makes the loop device refuse discards (its queue's {@code discard_max_bytes} set to 0), so that an allocated
     * image stays allocated: the loop device turns a discard into a hole punched in its image, and mkfs.xfs discards
     * the whole drive before it formats (a 1 GiB image allocated beforehand was 65 MiB after the format). mkfs.xfs
     * formats a drive that refuses discards without them.
     */
    static void refuseDiscards(String device) {
        refuseDiscards(Path.of("/sys/block"), device);
    }

    static void refuseDiscards(Path sysBlock, String device) {
        Path limit = sysBlock.resolve(Path.of(device).getFileName().toString()).resolve("queue/discard_max_bytes");
        try {
            Files.writeString(limit, "0");
            String now = Files.readString(limit).strip();
            if (!now.equals("0")) {
                throw new LabException(device + " still takes discards (" + limit + " is " + now + " after writing 0)");
            }
        } catch (IOException e) {
            throw new LabException("cannot make " + device + " refuse discards (" + limit + "): " + e.getMessage(), e);
        }
    }

    static void detach(String device) {
        Proc.check("detach " + device, T, "losetup", "--detach", device);
    }

    /** Loop devices whose backing file lies under {@code dir}, as /dev paths. */
    static List<String> backedBy(Path dir) {
        List<String> found = new ArrayList<>();
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            for (Path blk : s.filter(p -> p.getFileName().toString().startsWith("loop")).sorted().toList()) {
                Path bf = blk.resolve("loop/backing_file");
                if (!Files.isReadable(bf)) {
                    continue;
                }
                String backing;
                try {
                    backing = Files.readString(bf).strip();
                } catch (IOException detachedMeanwhile) {
                    continue;
                }
                if (backing.endsWith(" (deleted)")) {
                    backing = backing.substring(0, backing.length() - " (deleted)".length());
                }
                if (backing.startsWith(prefix)) {
                    found.add("/dev/" + blk.getFileName());
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list loop devices in /sys/block: " + e.getMessage(), e);
        }
        return found;
    }
}
