package dev.aistorctl.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts and stops the detached supervisor of one host (supervise.sh): it outlives the JVM that
 * started it, restarts systemd-nspawn on exit status 133 (a reboot inside) and stops otherwise;
 * for a VM host it runs QEMU, which reboots the guest by itself.
 */
final class Supervisor {
    static final String SCRIPT = "supervise.sh";

    private Supervisor() {
    }

    static void install(Path stateDir) throws IOException {
        Path script = stateDir.resolve(SCRIPT);
        Files.write(script, BaseImage.resource(SCRIPT));
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void start(Path stateDir, Path hostDir, Path cgroup, List<String> commandLine, Path consoleLog) throws IOException {
        Files.createDirectories(cgroup);
        Files.deleteIfExists(hostDir.resolve("stop"));
        Files.write(hostDir.resolve("host.args"), (String.join("\n", commandLine) + "\n").getBytes());
        ProcessBuilder pb = new ProcessBuilder("setsid", "--fork", "/bin/sh", stateDir.resolve(SCRIPT).toString(),
                hostDir.toString(), cgroup.toString());
        pb.environment().put("PATH", Proc.PATH);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        pb.redirectErrorStream(true);
        try {
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new LabException(hostDir.getFileName() + ": cannot start its supervisor (setsid exited " + rc + ")");
            }
            // setsid --fork returns before the supervisor has moved into the host's cgroup: until it has, the
            // host would look stopped to anyone who checks.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!running(cgroup)) {
                if (System.nanoTime() > deadline) {
                    throw new LabException(hostDir.getFileName() + ": its supervisor did not start; console log " + consoleLog
                            + " ends with:\n" + ConsoleLog.tail(consoleLog, 10));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(hostDir.getFileName() + ": interrupted while starting", e);
        }
    }

    /** Starts a host that was stopped again, with the arguments it was first booted with. */
    static void restart(Path stateDir, Path hostDir, Path cgroup, Path consoleLog) throws IOException {
        List<String> args = Files.readAllLines(hostDir.resolve("host.args"));
        start(stateDir, hostDir, cgroup, args, consoleLog);
    }

    /** Kills every process of the host at once, supervisor included, as a power loss would. */
    static void cut(Path hostDir, Path cgroup) throws IOException {
        Files.writeString(hostDir.resolve("stop"), "");
        Cgroups.kill(cgroup);
        if (!waitEmpty(cgroup, Duration.ofSeconds(10))) {
            throw new LabException(hostDir.getFileName() + ": processes " + Cgroups.processes(cgroup) + " survive cgroup.kill");
        }
        Cgroups.remove(cgroup);
        Files.deleteIfExists(hostDir.resolve("host.pid"));
        Files.deleteIfExists(hostDir.resolve("supervisor.pid"));
    }

    /** The running systemd-nspawn of this host, if its pid file names one that is still that program. */
    static Optional<ProcessHandle> nspawn(Path hostDir) {
        Path pidFile = hostDir.resolve("host.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/systemd-nspawn")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean running(Path cgroup) {
        return !Cgroups.processes(cgroup).isEmpty();
    }

    /**
     * Powers the host off cleanly (SIGTERM makes systemd-nspawn ask the container's systemd for
     * an orderly shutdown; a VM gets its power button pressed), then kills whatever is left after {@code grace}.
     *
     * @return true when the clean poweroff finished in time
     */
    static boolean stop(Path hostDir, Path cgroup, Duration grace) throws IOException {
        if (Files.isDirectory(hostDir)) {
            Files.writeString(hostDir.resolve("stop"), "");
        }
        boolean clean = true;
        Optional<ProcessHandle> nspawn = nspawn(hostDir);
        Path qmp = hostDir.resolve("qmp.sock");
        if (nspawn.isPresent()) {
            nspawn.get().destroy();
            clean = waitEmpty(cgroup, grace);
        } else if (running(cgroup) && Qmp.available(qmp)) {
            // A VM: the power button makes the guest shut down cleanly, and QEMU exits when it has.
            try {
                Qmp.powerdown(qmp);
                clean = waitEmpty(cgroup, grace);
            } catch (IOException monitorGone) {
                clean = false;
            }
        } else if (running(cgroup)) {
            clean = false;
        }
        if (!clean) {
            Cgroups.kill(cgroup);
            if (!waitEmpty(cgroup, Duration.ofSeconds(10))) {
                throw new LabException(hostDir.getFileName() + ": processes " + Cgroups.processes(cgroup)
                        + " survive cgroup.kill");
            }
        }
        Cgroups.remove(cgroup);
        return clean;
    }

    static boolean waitEmpty(Path cgroup, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(cgroup)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
