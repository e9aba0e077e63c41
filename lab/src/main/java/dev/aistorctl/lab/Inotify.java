package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Each container's systemd holds about eight inotify instances, and the limit is per user on the
 * controller (root everywhere): past about 16-24 hosts systemd inside dies with "Too many open
 * files". Up raises fs.inotify.max_user_instances / max_user_watches when needed; the values
 * found first are kept in one file beside the labs, and the last lab that raised them puts them
 * back on down. No other sysctl of the controller is ever changed.
 */
final class Inotify {
    static final Path INSTANCES = Path.of("/proc/sys/fs/inotify/max_user_instances");
    static final Path WATCHES = Path.of("/proc/sys/fs/inotify/max_user_watches");
    static final String ORIGINAL = "inotify.original";
    static final int INSTANCES_PER_HOST = 16;
    static final int WATCHES_PER_HOST = 1024;

    private Inotify() {
    }

    /** @return true when it raised a limit (the lab must then record it, so its down restores them) */
    static synchronized boolean raiseFor(int hosts, Path stateRoot, Consumer<String> progress) {
        long instances = read(INSTANCES);
        long watches = read(WATCHES);
        long needInstances = 128 + (long) hosts * INSTANCES_PER_HOST;
        long needWatches = 65536 + (long) hosts * WATCHES_PER_HOST;
        if (instances >= needInstances && watches >= needWatches) {
            return false;
        }
        Path original = stateRoot.resolve(ORIGINAL);
        try {
            if (!Files.exists(original)) {
                Files.createDirectories(stateRoot);
                Files.writeString(original, instances + " " + watches + "\n");
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot record inotify limits in " + original + ": " + e.getMessage(), e);
        }
        long newInstances = Math.max(instances, needInstances);
        long newWatches = Math.max(watches, needWatches);
        write(INSTANCES, newInstances);
        write(WATCHES, newWatches);
        progress.accept("raised fs.inotify.max_user_instances " + instances + " -> " + newInstances
                + " and max_user_watches " + watches + " -> " + newWatches + " (systemd in " + hosts
                + " containers needs them); down puts them back");
        return true;
    }

    /** Puts the original limits back when no other lab that raised them is still there. */
    static synchronized void restoreUnlessUsed(String lab, Path stateRoot, Consumer<String> progress) {
        Path original = stateRoot.resolve(ORIGINAL);
        if (!Files.exists(original)) {
            return;
        }
        try (var dirs = Files.newDirectoryStream(stateRoot, Files::isDirectory)) {
            for (Path other : dirs) {
                String name = other.getFileName().toString();
                if (name.equals(lab)) {
                    continue;
                }
                LabRecord r = LabRecord.read(name, other);
                if (r != null && r.inotifyRaised) {
                    progress.accept("inotify limits stay raised: lab " + name + " still needs them");
                    return;
                }
            }
            String[] v = Files.readString(original).trim().split("\\s+");
            if (read(INSTANCES) < Long.parseLong(v[0]) || read(WATCHES) < Long.parseLong(v[1])) {
                // someone lowered them since: never raise a limit on down
                Files.delete(original);
                return;
            }
            write(INSTANCES, Long.parseLong(v[0]));
            write(WATCHES, Long.parseLong(v[1]));
            Files.delete(original);
            progress.accept("restored fs.inotify.max_user_instances=" + v[0] + " and max_user_watches=" + v[1]);
        } catch (IOException | RuntimeException e) {
            throw new LabException("lab " + lab + ": cannot restore inotify limits from " + original + ": " + e.getMessage(), e);
        }
    }

    /**
     * One large read: Files.readString reads a size-0 proc file in steps this kernel's sysctl
     * handler answers with the first digit only (it returned "1" for 128).
     */
    static long read(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[64];
            int n = in.read(buf);
            String text = new String(buf, 0, Math.max(0, n), java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (!text.matches("\\d+")) {
                throw new LabException("lab: " + p + " reads '" + text + "', not a number");
            }
            return Long.parseLong(text);
        } catch (IOException e) {
            throw new LabException("lab: cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path p, long value) {
        try {
            Files.writeString(p, Long.toString(value));
        } catch (IOException e) {
            throw new LabException("lab: cannot set " + p + " to " + value + ": " + e.getMessage(), e);
        }
    }
}
