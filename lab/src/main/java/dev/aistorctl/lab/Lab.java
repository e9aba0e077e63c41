package dev.aistorctl.lab;

import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Brings local lab hosts up, reports on them and tears them down. Every host is a Debian 12
 * container booted by systemd-nspawn (systemd as PID 1) on its own overlay root, in its own
 * network namespace on the lab's bridge, with loop devices as drives; a detached supervisor per
 * host restarts it after a reboot inside. Must run as root.
 */
public final class Lab {
    public static final String CLIENT_KEY = "id_ed25519";
    public static final String KNOWN_HOSTS = "known_hosts";
    public static final String INVENTORY = "inventory.yaml";
    public static final String ROOT_PASSWORD = "root-password";

    private final LabPaths paths;
    private Duration bootTimeout = Duration.ofSeconds(120);
    /**
     * An emulated VM boots a whole kernel and udev on a shared core: minutes, not seconds. An arm64
     * guest under TCG on an x86_64 controller boots as fast as an x86_64 one (about 30 s on a quiet
     * machine, see bench/RESULTS.md), so both have the same budget.
     */
    private Duration vmBootTimeout = Duration.ofSeconds(360);
    private Duration poweroffGrace = Duration.ofSeconds(20);

    public Lab(LabPaths paths) {
        this.paths = paths;
    }

    public static Lab standard() {
        return new Lab(LabPaths.standard());
    }

    public LabPaths paths() {
        return paths;
    }

    /**
     * How long up waits for each host to accept an SSH login (default 120 s for containers, 360 s for
     * VMs of either architecture).
     */
    public Lab withBootTimeout(Duration timeout) {
        this.bootTimeout = timeout;
        this.vmBootTimeout = timeout;
        return this;
    }

    private Duration bootTimeout(Path stateDir) {
        LabRecord r = LabRecord.read(stateDir.getFileName().toString(), stateDir);
        return r == null || r.kind != LabKind.VM ? bootTimeout : vmBootTimeout;
    }

    /** How long down waits for a clean poweroff before it kills a host (default 20 s). */
    public Lab withPoweroffGrace(Duration grace) {
        this.poweroffGrace = grace;
        return this;
    }

    /**
     * Checks the prerequisites and builds the cached Debian root every lab host runs on, so that a
     * later {@code up} takes seconds; returns where the cached root is. Nothing is started.
     */
    public Path prepare(boolean installPrereqs, Consumer<String> progress) {
        return prepare(installPrereqs, LabKind.CONTAINER, progress);
    }

    /** As {@link #prepare(boolean, Consumer)}; for VM hosts also the cached system disk, kernel and initrd. */
    public Path prepare(boolean installPrereqs, LabKind kind, Consumer<String> progress) {
        return prepare(installPrereqs, kind, LabArch.controller(), progress);
    }

    /** As {@link #prepare(boolean, LabKind, Consumer)}, for VM hosts of architecture {@code arch}. */
    public Path prepare(boolean installPrereqs, LabKind kind, LabArch arch, Consumer<String> progress) {
        if (kind != LabKind.VM && arch != LabArch.controller()) {
            throw new UsageException("lab: --arch " + arch.label() + " needs --kind vm (containers run on this machine's "
                    + LabArch.controller().label() + " kernel)");
        }
        Tools.check(installPrereqs, kind, arch, progress);
        Path base = BaseImage.ensure(paths.cacheRoot(), progress);
        return kind == LabKind.VM ? VmImage.ensure(paths.cacheRoot(), base, arch, progress).dir() : base;
    }

    /**
     * Brings the lab up and returns when every host accepts an SSH login. A lab that is already
     * up with the same shape is returned as it is; any other existing lab is refused. When a host
     * fails to come up, everything created so far is removed and the error names the host and
     * ends with its console log.
     */
    public LabState up(LabSpec spec, Consumer<String> progress) {
        Tools.check(spec.installPrereqs(), spec.kind(), spec.arch(), progress);
        Path stateDir = paths.stateDir(spec.name());
        try (LabLock ignored = lock(spec.name())) {
            LabRecord existing = LabRecord.read(spec.name(), stateDir);
            if (existing != null || Files.exists(stateDir)) {
                return alreadyThere(spec, existing, stateDir, progress);
            }
            if (spec.kind() == LabKind.VM) {
                GuestMemory.check(spec, GuestMemory.availableMiB());
            }
            try {
                return create(spec, stateDir, progress);
            } catch (RuntimeException | IOException e) {
                progress.accept("lab " + spec.name() + ": up failed, removing what it created");
                Path kept = keepConsoleLogs(spec.name(), stateDir);
                if (kept != null) {
                    progress.accept("the hosts' console logs are kept in " + kept + " (lab down removes them)");
                }
                try {
                    tearDown(spec.name(), stateDir, s -> { });
                } catch (RuntimeException cleanupFailure) {
                    e.addSuppressed(cleanupFailure);
                }
                if (kept != null && e.getMessage() != null) {
                    // The error names the console log where it is kept, not where it was.
                    LabException moved = new LabException(e.getMessage().replace(stateDir.resolve("hosts") + "/", kept + "/"), e);
                    moved.setStackTrace(e.getStackTrace());
                    throw moved;
                }
                if (e instanceof LabException le) {
                    throw le;
                }
                throw new LabException("lab " + spec.name() + ": up failed: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new LabException("lab " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Where the console logs of a failed up are kept: beside the lab's state directory, which up removes. */
    public Path failedBootLogs(String name) {
        return paths.stateRoot().resolve(name + "-failed-boot");
    }

    private Path keepConsoleLogs(String name, Path stateDir) {
        Path hostsDir = stateDir.resolve("hosts");
        if (!Files.isDirectory(hostsDir)) {
            return null;
        }
        Path kept = failedBootLogs(name);
        try (var s = Files.list(hostsDir)) {
            BaseImage.deleteTree(kept);
            Files.createDirectories(kept);
            for (Path host : s.toList()) {
                Path log = HostLayout.of(stateDir, host.getFileName().toString()).consoleLog();
                if (Files.isRegularFile(log)) {
                    Files.createDirectories(kept.resolve(host.getFileName()));
                    Files.copy(log, kept.resolve(host.getFileName()).resolve(log.getFileName()));
                }
            }
            return kept;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every host of the lab, its address, whether it runs and answers SSH, and its drives. */
    public LabState status(String name) {
        LabSpec.validateName(name);
        Path stateDir = paths.stateDir(name);
        LabRecord r = LabRecord.read(name, stateDir);
        if (r == null) {
            throw new UsageException("no lab named " + name + " (nothing in " + stateDir + "); bring one up with lab up");
        }
        return state(r, stateDir);
    }

    /** Names of the labs that have a state directory. */
    public List<String> list() {
        if (!Files.isDirectory(paths.stateRoot())) {
            return List.of();
        }
        try (var s = Files.list(paths.stateRoot())) {
            return s.filter(p -> Files.isRegularFile(p.resolve(LabRecord.FILE))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new LabException("lab: cannot list " + paths.stateRoot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops and removes everything of the lab: containers (clean poweroff, then kill), mounts,
     * loop devices, namespaces, veths, bridge, files. Safe to repeat, after a crash or a
     * half-finished up: it works from the state file and from the names the lab owns.
     */
    public void down(String name, Consumer<String> progress) {
        LabSpec.validateName(name);
        if (!Tools.isRoot()) {
            throw new UsageException("lab: must run as root to tear a lab down");
        }
        Path stateDir = paths.stateDir(name);
        try (LabLock ignored = lock(name)) {
            tearDown(name, stateDir, progress);
            Files.deleteIfExists(lockFile(name));
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops one host and leaves the rest of the lab as it is: its drives, network and overlay stay,
     * so {@link #start} boots it again with its disks as they were. {@code powerCut} kills every
     * process of the host at once, as a power loss or a kernel panic would; otherwise it powers off
     * cleanly (and is killed after the grace period).
     */
    public void stop(String name, String host, boolean powerCut, Consumer<String> progress) {
        LabHostDir h = hostDir(name, host);
        try (LabLock ignored = lock(name)) {
            if (!Supervisor.running(h.cgroup)) {
                progress.accept(host + " is already stopped");
                return;
            }
            if (powerCut) {
                Supervisor.cut(h.dir, h.cgroup);
                progress.accept(host + ": power cut");
            } else {
                boolean clean = Supervisor.stop(h.dir, h.cgroup, poweroffGrace);
                progress.accept(host + (clean ? " powered off" : " killed (no clean poweroff in time)"));
            }
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every process of a host as this machine sees it (its supervisor, its container and all the container
     * runs), for faults injected from outside, such as a signal to the host's sshd. Empty when it is stopped.
     */
    public List<Long> processes(String name, String host) {
        return Cgroups.processes(hostDir(name, host).cgroup);
    }

    /**
     * Pulls data drive {@code drive} (1-based) out of a running VM host, as a PCIe hot-unplug or a dead
     * drive would, and returns when the guest has let go of it. The drive stays out across reboots of the
     * guest (QEMU keeps the machine as it is); {@code stop} and {@code start} put it back. Its backing
     * file is kept.
     */
    public void unplug(String name, String host, int drive, Consumer<String> progress) {
        LabHostDir h = hostDir(name, host);
        Path stateDir = paths.stateDir(name);
        LabRecord r = LabRecord.read(name, stateDir);
        if (r.kind != LabKind.VM) {
            throw new UsageException("lab " + name + " is made of containers: a drive can be pulled out of VM hosts only (lab up --kind vm)");
        }
        if (drive < 1 || drive > r.drives) {
            throw new UsageException(host + " has data drives 1 to " + r.drives + ", not " + drive);
        }
        try (LabLock ignored = lock(name)) {
            if (!Supervisor.running(h.cgroup)) {
                throw new UsageException(host + " is stopped; boot it with lab start " + host);
            }
            Qmp.deviceDel(HostLayout.of(stateDir, host).qmpSocket(), VmHostBuilder.nvmeId(drive), Duration.ofSeconds(60));
            progress.accept(host + ": data drive " + drive + " pulled out");
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + host + ": pulling out data drive " + drive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Slows data drive {@code drive} (1-based) of a host to exactly {@code limits}, from outside the host, as a failing
     * drive or a bad link would, so that a fault can be injected while a format runs; {@link DriveThrottle#NONE} lifts
     * them. A VM host's drive is throttled in QEMU's block layer (QMP {@code block_set_io_throttle}), so the host must
     * run and the limits end with its QEMU ({@code stop}, a power cut); a container host's loop device by this
     * machine's cgroup v1 blkio throttle, which stays until lifted or {@code down}.
     */
    public void throttle(String name, String host, int drive, DriveThrottle limits, Consumer<String> progress) {
        LabHostDir h = hostDir(name, host);
        Path stateDir = paths.stateDir(name);
        LabRecord r = LabRecord.read(name, stateDir);
        LabDrive data = r.hostRecords.get(host).drives().stream().filter(d -> d.role() == DriveRole.DATA && d.index() == drive)
                .findFirst().orElseThrow(() -> new UsageException(host + " has data drives 1 to " + r.drives + ", not " + drive));
        String what = limits.none() ? "throttle lifted" : "throttled to " + limits.readBytesPerSecond() + " bytes/s for reads, "
                + limits.writeBytesPerSecond() + " for writes (0: no limit)";
        try (LabLock ignored = lock(name)) {
            if (r.kind == LabKind.VM) {
                if (!Supervisor.running(h.cgroup)) {
                    throw new UsageException(host + " is stopped; boot it with lab start " + host
                            + " (a VM host's throttle lives in its QEMU and ended with it)");
                }
                Qmp.setIoThrottle(HostLayout.of(stateDir, host).qmpSocket(), VmHostBuilder.nvmeId(drive), limits);
            } else {
                String backing = Files.readString(Path.of("/sys/block", Path.of(data.device()).getFileName().toString(), "loop/backing_file")).strip();
                if (!backing.equals(data.backingFile().toString())) {
                    throw new LabException(data.device() + " is no longer " + host + "'s drive " + drive + " (backed by '" + backing
                            + "', not " + data.backingFile() + "); lab down and up make the lab again");
                }
                BlkioThrottle.standard().set(BlkioThrottle.devNo(data.device()), limits);
            }
            progress.accept(host + ": data drive " + drive + " (" + data.device() + ") " + what);
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + host + ": throttling data drive " + drive + ": " + e.getMessage(), e);
        }
    }

    /** Boots one stopped host again and returns when it accepts an SSH login. */
    public LabState start(String name, String host, Consumer<String> progress) {
        LabHostDir h = hostDir(name, host);
        try (LabLock ignored = lock(name)) {
            if (Supervisor.running(h.cgroup)) {
                progress.accept(host + " is already running");
            } else {
                Path stateDir = paths.stateDir(name);
                NspawnRuntimeFiles.remove(List.of(host), stateDir);
                Path consoleLog = HostLayout.of(stateDir, host).consoleLog();
                // The console log keeps every boot: mark where this one starts, so an error's tail is about it.
                Files.writeString(consoleLog, "\n--- lab start " + host + " at " + java.time.Instant.now() + " ---\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Supervisor.restart(stateDir, h.dir, h.cgroup, consoleLog);
                waitForSsh(name, host, h.address, stateDir);
                progress.accept(host + " (" + h.address + ") is up");
            }
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab " + name + ": " + host + ": interrupted while starting", e);
        }
        return status(name);
    }

    /**
     * Reboots one host cleanly from inside (systemctl reboot) and returns when it accepts an SSH
     * login again in its new boot (its boot id changed), so nothing is mistaken for the old boot.
     */
    public LabState reboot(String name, String host, Consumer<String> progress) {
        return reboot(name, List.of(host), progress);
    }

    /**
     * Reboots several hosts at once, as a rack's power cycle or a maintenance window would, and returns
     * when every one of them accepts an SSH login in its new boot. One after the other would cost a whole
     * boot per host, minutes each for an emulated VM.
     */
    public LabState reboot(String name, List<String> hosts, Consumer<String> progress) {
        Path stateDir = paths.stateDir(name);
        Path key = stateDir.resolve(CLIENT_KEY);
        Path knownHosts = stateDir.resolve(KNOWN_HOSTS);
        Map<String, LabHostDir> dirs = new LinkedHashMap<>();
        for (String host : hosts) {
            dirs.put(host, hostDir(name, host));
        }
        try (LabLock ignored = lock(name)) {
            Map<String, String> bootIds = new LinkedHashMap<>();
            for (Map.Entry<String, LabHostDir> e : dirs.entrySet()) {
                String host = e.getKey();
                LabHostDir h = e.getValue();
                if (!Supervisor.running(h.cgroup)) {
                    throw new UsageException(host + " is stopped; boot it with lab start " + host);
                }
                ExecResult before = SshProbe.run(h.address, key, knownHosts, "cat /proc/sys/kernel/random/boot_id");
                if (!before.ok()) {
                    throw new LabException(host + ": cannot read its boot id over SSH to reboot it (" + before.stderrText().strip()
                            + "); lab status shows its state");
                }
                bootIds.put(host, before.stdoutText());
            }
            long t0 = System.nanoTime();
            for (Map.Entry<String, LabHostDir> e : dirs.entrySet()) {
                ExecResult reboot = SshProbe.run(e.getValue().address, key, knownHosts, "systemctl --no-block reboot");
                if (!reboot.ok()) {
                    throw new LabException(e.getKey() + ": systemctl reboot failed over SSH: " + reboot.stderrText().strip());
                }
                progress.accept(e.getKey() + ": rebooting");
            }
            Duration budget = bootTimeout(stateDir);
            long deadline = System.nanoTime() + budget.toNanos();
            Map<String, LabHostDir> waiting = new LinkedHashMap<>(dirs);
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    String host = e.getKey();
                    LabHostDir h = e.getValue();
                    if (!Supervisor.running(h.cgroup)) {
                        Path consoleLog = HostLayout.of(stateDir, host).consoleLog();
                        throw new LabException(host + ": the host stopped instead of rebooting; its console log " + consoleLog
                                + " ends with:\n" + ConsoleLog.tail(consoleLog, 25));
                    }
                    if (SshProbe.banner(h.address, Duration.ofSeconds(1))) {
                        ExecResult now = SshProbe.run(h.address, key, knownHosts, "cat /proc/sys/kernel/random/boot_id");
                        if (now.ok() && !now.stdoutText().equals(bootIds.get(host))) {
                            progress.accept(String.format("%s (%s) is up again after %.1f s", host, h.address,
                                    (System.nanoTime() - t0) / 1e9));
                            it.remove();
                        }
                    }
                }
            }
            if (!waiting.isEmpty()) {
                String host = waiting.keySet().iterator().next();
                Path consoleLog = HostLayout.of(stateDir, host).consoleLog();
                throw new LabException(String.join(", ", waiting.keySet()) + ": no SSH login in a new boot after "
                        + budget.toSeconds() + " s; the console log of " + host + " (" + consoleLog + ") ends with:\n"
                        + ConsoleLog.tail(consoleLog, 25));
            }
            return state(LabRecord.read(name, stateDir), stateDir);
        } catch (IOException e) {
            throw new LabException("lab " + name + ": " + String.join(", ", hosts) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab " + name + ": " + String.join(", ", hosts) + ": interrupted while rebooting", e);
        }
    }

    private record LabHostDir(Path dir, Path cgroup, String address) {
    }

    private LabHostDir hostDir(String name, String host) {
        if (!Tools.isRoot()) {
            throw new UsageException("lab: must run as root to stop, start or reboot a host");
        }
        LabSpec.validateName(name);
        LabRecord r = LabRecord.read(name, paths.stateDir(name));
        if (r == null) {
            throw new UsageException("no lab named " + name + "; bring one up with lab up");
        }
        LabRecord.HostRecord h = r.hostRecords.get(host);
        if (h == null) {
            throw new UsageException("lab " + name + " has no host " + host + "; its hosts: "
                    + String.join(", ", r.hostRecords.keySet()));
        }
        return new LabHostDir(HostLayout.of(paths.stateDir(name), host).dir(), Cgroups.hostDir(name, host), h.address());
    }

    private LabState alreadyThere(LabSpec spec, LabRecord existing, Path stateDir, Consumer<String> progress) {
        if (existing != null && existing.hosts == spec.hosts() && existing.drives == spec.drives()
                && existing.driveSizeBytes == spec.driveSizeBytes() && existing.kind == spec.kind()
                && existing.arch == spec.arch() && existing.allocatedDrives == spec.allocatedDrives()) {
            LabState s = state(existing, stateDir);
            if (s.allRunning() && s.hosts().size() == spec.hosts()) {
                progress.accept("lab " + spec.name() + " is already up with " + spec.hosts() + " hosts");
                return s;
            }
            throw new UsageException("lab " + spec.name() + " exists but is not fully up (" + summary(s)
                    + "); run lab down " + spec.name() + " first");
        }
        throw new UsageException("lab " + spec.name() + " already exists" + (existing == null ? " (half-made, in "
                + stateDir + ")" : " with " + existing.hosts + " " + existing.arch.label() + " " + existing.kind.label() + " hosts x " + existing.drives + " drives of "
                + InventoryFile.size(existing.driveSizeBytes)) + "; run lab down " + spec.name() + " first");
    }

    /** The built-in hardware profile the lab's hosts pass; arm64 VMs have no SMBIOS and so no DIMM speed. */
    static String hardwareProfile(LabSpec spec) {
        if (spec.kind() != LabKind.VM) {
            return "lab";
        }
        return spec.arch() == LabArch.ARM64 ? "lab-vm-arm64" : "lab-vm";
    }

    private static String summary(LabState s) {
        return String.join(", ", s.hosts().stream().map(h -> h.name() + " " + h.state().label()).toList());
    }

    private LabState create(LabSpec spec, Path stateDir, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        Path base = BaseImage.ensure(paths.cacheRoot(), progress);
        Files.createDirectories(stateDir);
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        VmImage image = spec.kind() == LabKind.VM ? VmImage.ensure(paths.cacheRoot(), base, spec.arch(), progress) : null;
        String accel = image == null ? null : Accelerator.choose(image, spec.arch(), paths.cacheRoot(), progress);
        LabRecord record = new LabRecord(spec.name());
        record.kind = spec.kind();
        record.arch = spec.arch();
        record.hosts = spec.hosts();
        record.drives = spec.drives();
        record.driveSizeBytes = spec.driveSizeBytes();
        record.allocatedDrives = spec.allocatedDrives();
        record.base = base;
        record.write(stateDir);
        // systemd in a container uses this machine's inotify limits; a VM has its own kernel.
        record.inotifyRaised = spec.kind() == LabKind.CONTAINER
                && Inotify.raiseFor(spec.hosts() + otherLabHosts(spec.name()), paths.stateRoot(), progress);
        record.subnetPrefix = LabNetwork.chooseSubnet(spec.name());
        record.write(stateDir);
        LabNetwork.createBridge(spec.name(), record.subnetPrefix);
        Supervisor.install(stateDir);

        Path key = stateDir.resolve(CLIENT_KEY);
        Proc.check("lab " + spec.name() + ": client key", Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519",
                "-N", "", "-C", "aistorctl-lab-" + spec.name(), "-f", key.toString());
        byte[] pub = Files.readAllBytes(stateDir.resolve(CLIENT_KEY + ".pub"));
        String hostsFile = hostsFile(spec, record.subnetPrefix);
        HostBuilder containers = image != null ? null
                : new HostBuilder(spec, record, stateDir, base, hostsFile, pub, JavaRuntime.bindDirs(JavaRuntime.home()));
        VmHostBuilder vms = image == null ? null : new VmHostBuilder(spec, record, stateDir, image, hostsFile, pub, accel);

        progress.accept("lab " + spec.name() + ": starting " + spec.hosts() + " " + spec.kind().label() + " hosts on " + record.subnetPrefix + ".0/24 ("
                + spec.drives() + " drives of " + InventoryFile.size(spec.driveSizeBytes()) + " each"
                + (spec.allocatedDrives() ? ", allocated" : "") + ")");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, spec.hosts()));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 1; i <= spec.hosts(); i++) {
                int index = i;
                started.add(pool.submit(() -> {
                    String host = spec.hostName(index);
                    List<String> args = vms != null ? vms.build(index) : containers.build(index);
                    HostLayout l = HostLayout.of(stateDir, host);
                    Supervisor.start(stateDir, l.dir(), Cgroups.hostDir(spec.name(), host), args, l.consoleLog());
                    return null;
                }));
            }
            awaitAll(started);
            writeKnownHosts(spec, record, stateDir);
            List<Future<?>> ready = new ArrayList<>();
            for (int i = 1; i <= spec.hosts(); i++) {
                String host = spec.hostName(i);
                String address = LabNetwork.hostAddress(record.subnetPrefix, i);
                ready.add(pool.submit(() -> {
                    waitForSsh(spec.name(), host, address, stateDir);
                    progress.accept(host + " (" + address + ") is up");
                    return null;
                }));
            }
            awaitAll(ready);
        } finally {
            pool.shutdownNow();
        }
        Path password = stateDir.resolve(ROOT_PASSWORD);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        Files.writeString(password, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        List<String[]> hosts = record.hostsInOrder().stream().map(h -> new String[] {h.name(), h.address()}).toList();
        Files.writeString(stateDir.resolve(INVENTORY), InventoryFile.render(spec.name(),
                hardwareProfile(spec), spec.drives(), spec.driveSizeBytes(),
                key, stateDir.resolve(KNOWN_HOSTS), password, hosts));
        progress.accept(String.format("lab %s is up: %d hosts in %.1f s; inventory %s", spec.name(), spec.hosts(),
                (System.nanoTime() - t0) / 1e9, stateDir.resolve(INVENTORY)));
        return state(record, stateDir);
    }

    /** Hosts of other labs that are up now: the inotify limits must cover them too. */
    private int otherLabHosts(String name) {
        int n = 0;
        for (String other : list()) {
            if (!other.equals(name)) {
                LabRecord r = LabRecord.read(other, paths.stateDir(other));
                n += r == null ? 0 : r.hostRecords.size();
            }
        }
        return n;
    }

    private static String hostsFile(LabSpec spec, String prefix) {
        StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.append("ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n\n# the lab's hosts, as DNS would name them at a site\n");
        sb.append(LabNetwork.controllerAddress(prefix)).append('\t').append(spec.name()).append("-controller\n");
        for (int i = 1; i <= spec.hosts(); i++) {
            sb.append(LabNetwork.hostAddress(prefix, i)).append('\t').append(spec.hostName(i)).append('\n');
        }
        return sb.toString();
    }

    private static void writeKnownHosts(LabSpec spec, LabRecord record, Path stateDir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LabRecord.HostRecord h : record.hostsInOrder()) {
            Path pub = HostLayout.of(stateDir, h.name()).hostKeyPub();
            String[] f = Files.readString(pub).trim().split("\\s+");
            sb.append(h.address()).append(',').append(h.name()).append(' ').append(f[0]).append(' ').append(f[1]).append('\n');
        }
        Files.writeString(stateDir.resolve(KNOWN_HOSTS), sb);
    }

    private void waitForSsh(String lab, String host, String address, Path stateDir) throws InterruptedException {
        HostLayout l = HostLayout.of(stateDir, host);
        Path cgroup = Cgroups.hostDir(lab, host);
        Duration budget = bootTimeout(stateDir);
        long deadline = System.nanoTime() + budget.toNanos();
        boolean bannerSeen = false;
        while (System.nanoTime() < deadline) {
            if (!bannerSeen) {
                bannerSeen = SshProbe.banner(address, Duration.ofSeconds(1));
            }
            if (bannerSeen && SshProbe.login(address, stateDir.resolve(CLIENT_KEY), stateDir.resolve(KNOWN_HOSTS))) {
                return;
            }
            if (!Supervisor.running(cgroup)) {
                throw new LabException(host + ": the host stopped while booting; its console log "
                        + l.consoleLog() + " ends with:\n" + ConsoleLog.tail(l.consoleLog(), 25));
            }
            Thread.sleep(bannerSeen ? 500 : 200);
        }
        throw new LabException(host + ": no SSH " + (bannerSeen ? "login" : "answer") + " on " + address + ":22 after "
                + budget.toSeconds() + " s; its console log " + l.consoleLog() + " ends with:\n"
                + ConsoleLog.tail(l.consoleLog(), 25));
    }

    private static void awaitAll(List<Future<?>> futures) throws IOException {
        LabException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                LabException le = c instanceof LabException l ? l : new LabException(String.valueOf(c.getMessage()), c);
                if (first == null) {
                    first = le;
                } else {
                    first.addSuppressed(le);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("lab: interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private LabState state(LabRecord r, Path stateDir) {
        List<LabHost> hosts = new ArrayList<>();
        for (LabRecord.HostRecord h : r.hostsInOrder()) {
            HostLayout l = HostLayout.of(stateDir, h.name());
            HostState st;
            if (!Supervisor.running(Cgroups.hostDir(r.name, h.name()))) {
                st = HostState.STOPPED;
            } else {
                st = SshProbe.banner(h.address(), Duration.ofSeconds(5)) ? HostState.RUNNING : HostState.SSH_UNREACHABLE;
            }
            List<LabDrive> drives = new ArrayList<>(withThrottles(r, h, st, l));
            drives.sort(Comparator.comparing((LabDrive d) -> d.role()).thenComparing(LabDrive::index));
            hosts.add(new LabHost(h.name(), h.address(), h.netns(), st, l.consoleLog(), drives));
        }
        String prefix = r.subnetPrefix == null ? "-" : r.subnetPrefix;
        return new LabState(r.name, stateDir, prefix + ".0/24", r.bridge(), LabNetwork.controllerAddress(prefix),
                stateDir.resolve(CLIENT_KEY), stateDir.resolve(KNOWN_HOSTS), stateDir.resolve(INVENTORY),
                stateDir.resolve(ROOT_PASSWORD), hosts);
    }

    /**
     * The host's drives with the throttle each has now, so that status never hides one: read from QEMU for a running
     * VM host (none for a stopped one: it ended with its QEMU), from the blkio throttle for a container's loop device.
     */
    private static List<LabDrive> withThrottles(LabRecord r, LabRecord.HostRecord h, HostState st, HostLayout l) {
        List<LabDrive> out = new ArrayList<>();
        Map<String, DriveThrottle> vm = Map.of();
        boolean vmKnown = true;
        if (r.kind == LabKind.VM && st != HostState.STOPPED) {
            try {
                vm = Qmp.ioThrottles(l.qmpSocket());
            } catch (IOException | RuntimeException notAnswering) {
                vmKnown = false;
            }
        }
        BlkioThrottle blkio = BlkioThrottle.standard();
        for (LabDrive d : h.drives()) {
            DriveThrottle limits = DriveThrottle.NONE;
            if (d.role() == DriveRole.DATA && r.kind == LabKind.VM) {
                limits = vmKnown ? vm.getOrDefault(VmHostBuilder.nvmeId(d.index()), DriveThrottle.NONE) : null;
            } else if (d.role() == DriveRole.DATA) {
                try {
                    limits = blkio.limits(BlkioThrottle.devNo(d.device()));
                } catch (IOException | RuntimeException unreadable) {
                    limits = null;
                }
            }
            out.add(d.withThrottle(limits));
        }
        return out;
    }

    private void tearDown(String name, Path stateDir, Consumer<String> progress) {
        LabRecord r = null;
        try {
            r = LabRecord.read(name, stateDir);
        } catch (LabException unreadable) {
            progress.accept(unreadable.getMessage());
        }
        List<String> hosts = new ArrayList<>();
        if (r != null) {
            hosts.addAll(r.hostRecords.keySet());
        }
        Path labCgroup = Cgroups.labDir(name);
        if (Files.isDirectory(labCgroup)) {
            try (var s = Files.list(labCgroup)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(h -> !hosts.contains(h))
                        .forEach(hosts::add);
            } catch (IOException e) {
                throw new LabException("lab " + name + ": cannot list " + labCgroup + ": " + e.getMessage(), e);
            }
        }
        // Hosts power off in parallel: a clean shutdown takes a couple of seconds each.
        if (!hosts.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, hosts.size()));
            try {
                List<Future<?>> stops = new ArrayList<>();
                for (String host : hosts) {
                    stops.add(pool.submit(() -> {
                        Path cg = Cgroups.hostDir(name, host);
                        if (Supervisor.running(cg)) {
                            boolean clean = Supervisor.stop(HostLayout.of(stateDir, host).dir(), cg, poweroffGrace);
                            progress.accept(host + (clean ? " powered off" : " killed (no clean poweroff in time)"));
                        } else {
                            Cgroups.remove(cg);
                        }
                        return null;
                    }));
                }
                awaitAll(stops);
            } catch (IOException e) {
                throw new LabException("lab " + name + ": " + e.getMessage(), e);
            } finally {
                pool.shutdownNow();
            }
        }
        Cgroups.remove(labCgroup);
        Path parent = labCgroup.getParent();
        try (var s = Files.list(parent)) {
            if (s.noneMatch(Files::isDirectory)) {
                Files.deleteIfExists(parent);
            }
        } catch (IOException ignored) {
            // another lab still uses the parent, or it never existed
        }
        NspawnRuntimeFiles.remove(hosts, stateDir);
        for (String mount : Mounts.under(stateDir)) {
            Proc.check("lab " + name + ": unmount " + mount, Duration.ofMinutes(1), "umount", mount);
            progress.accept("unmounted " + mount);
        }
        for (String loop : LoopDevices.backedBy(stateDir)) {
            liftThrottle(loop, progress);
            LoopDevices.detach(loop);
            progress.accept("detached " + loop);
        }
        List<String> netns = new ArrayList<>();
        List<String> veths = new ArrayList<>();
        if (r != null) {
            r.hostRecords.values().forEach(h -> {
                netns.add(h.netns());
                veths.add(h.veth());
            });
        }
        LabNetwork.removeAll(name, netns, veths).forEach(x -> progress.accept("removed " + x));
        Inotify.restoreUnlessUsed(name, paths.stateRoot(), progress);
        List<String> left = Mounts.under(stateDir);
        if (!left.isEmpty()) {
            throw new LabException("lab " + name + ": still mounted, state kept: " + left);
        }
        BaseImage.deleteTree(stateDir);
        BaseImage.deleteTree(failedBootLogs(name));
        progress.accept("lab " + name + " is down");
    }

    /** A throttle left on a loop device would stay on its device number and slow whatever attaches there next. */
    private static void liftThrottle(String loop, Consumer<String> progress) {
        try {
            if (BlkioThrottle.standard().lift(BlkioThrottle.devNo(loop))) {
                progress.accept("lifted the throttle of " + loop);
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot lift the throttle of " + loop + ": " + e.getMessage(), e);
        }
    }

    /** Closing the channel releases the lock. */
    private record LabLock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private LabLock lock(String name) throws IOException {
        Files.createDirectories(paths.stateRoot());
        FileChannel ch = FileChannel.open(lockFile(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new UsageException("lab " + name + " is busy: another lab up or down is running for it");
        }
        return new LabLock(ch);
    }

    private Path lockFile(String name) {
        return paths.stateRoot().resolve("." + name + ".lock");
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
