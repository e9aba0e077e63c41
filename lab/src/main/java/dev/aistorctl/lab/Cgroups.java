package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One cgroup (v2) per lab host holds its supervisor, systemd-nspawn and everything the
 * container runs, across reboots. It is how down finds every process of a host, even after a
 * crash left a container without its nspawn, and how the benchmark measures a host's memory.
 * Only the unified hierarchy is used, for process tracking and cgroup.kill; no controller is
 * configured, so the lab changes no resource setting of the machine.
 */
final class Cgroups {
    private Cgroups() {
    }

    static Path unifiedRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                int dash = line.indexOf(" - ");
                if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                    return Path.of(line.split(" ")[4]);
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        throw new LabException("lab: no cgroup2 (unified) hierarchy is mounted on this machine; systemd-nspawn needs one");
    }

    static Path labDir(String lab) {
        return unifiedRoot().resolve("aistorctl-lab").resolve(lab);
    }

    static Path hostDir(String lab, String host) {
        return labDir(lab).resolve(host);
    }

    /** Every process in {@code dir} and below. */
    static List<Long> processes(Path dir) {
        // The tree changes while systemd inside starts and stops units; a second look settles it.
        for (int attempt = 0; ; attempt++) {
            try {
                return processesOnce(dir);
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt == 4) {
                    throw new LabException("lab: cannot read cgroup " + dir + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static List<Long> processesOnce(Path dir) throws IOException {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path procs : s.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                try {
                    for (String l : Files.readAllLines(procs)) {
                        if (!l.isBlank()) {
                            pids.add(Long.parseLong(l.strip()));
                        }
                    }
                } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
                    // a cgroup removed while walking has no processes left
                }
            }
        }
        return pids;
    }

    static void kill(Path dir) {
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            try {
                Files.writeString(kill, "1");
            } catch (IOException e) {
                throw new LabException("lab: cannot kill the processes of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes {@code dir} and its children, deepest first; only empty cgroups can go. A killed process
     * leaves its cgroup only once the kernel has torn it down (a large JVM takes a moment), so a busy
     * cgroup is tried again for a few seconds.
     */
    static void remove(Path dir) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                removeOnce(dir);
                return;
            } catch (IOException | java.io.UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("lab: cannot remove cgroup " + dir + ": " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("lab: interrupted while removing cgroup " + dir, e);
            }
        }
    }

    private static void removeOnce(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path d : s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(d);
            }
        }
    }
}
