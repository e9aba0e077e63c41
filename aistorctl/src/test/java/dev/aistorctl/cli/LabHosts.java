package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lab a test class needs, as a JUnit extension on a static field:
 * {@code @RegisterExtension static final LabHosts lab = LabHosts.of("drit", 2, 4);}. It brings the lab up before the
 * class's {@code @BeforeAll} methods and takes it down after its {@code @AfterAll} ones, even when the bring-up or the
 * class's own setup failed half-way; what a crashed earlier run left under the same name is taken down first, so it
 * cannot break this one. Lab tests need root; on a machine that cannot run them they fail, never skip, so a broken lab
 * cannot pass CI unnoticed.
 */
final class LabHosts implements BeforeAllCallback, AfterAllCallback {
    private static final long DRIVE_SIZE = 2L << 30;
    private final Lab lab = Lab.standard();
    private final String name;
    private final int hosts;
    private final int drives;
    private final boolean ownHome;
    /** Set once root is confirmed: from then on the lab may exist, and the after-all callback takes it down. */
    private boolean mayExist;
    private LabState state;
    private Path home;

    private LabHosts(String name, int hosts, int drives, boolean ownHome) {
        this.name = name;
        this.hosts = hosts;
        this.drives = drives;
        this.ownHome = ownHome;
    }

    /** A lab of {@code hosts} hosts named {@code <name>-node1..N}, each with {@code drives} data drives of 2 GiB. */
    static LabHosts of(String name, int hosts, int drives) {
        return new LabHosts(name, hosts, drives, false);
    }

    /**
     * The same lab, with the CLI's runs (journals, reports) kept in a temporary home of the class's own,
     * {@link #home}, so that a test can find them; it is removed with the lab.
     */
    LabHosts withOwnHome() {
        return new LabHosts(name, hosts, drives, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        mayExist = true;
        lab.down(name, line -> { });
        state = lab.up(new LabSpec(name, hosts, drives, DRIVE_SIZE, false), System.err::println);
        if (ownHome) {
            home = Files.createTempDirectory("aistorctl-" + name + "-home");
            System.setProperty("aistorctl.home", home.toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (home != null) {
            System.clearProperty("aistorctl.home");
        }
        try {
            if (mayExist) {
                lab.down(name, line -> { });
            }
        } finally {
            Path ownHome = home;
            mayExist = false;
            state = null;
            home = null;
            if (ownHome != null) {
                deleteTree(ownHome);
            }
        }
    }

    /** The lab as it came up; only once the extension has brought it up, i.e. in the class's tests and callbacks. */
    LabState state() {
        if (state == null) {
            throw new IllegalStateException("lab " + name + " is not up: it failed to come up, or LabHosts is not registered"
                    + " with @RegisterExtension on a static field");
        }
        return state;
    }

    /** The CLI's home for this class's runs, as {@link #withOwnHome} asked for. */
    Path home() {
        if (home == null) {
            throw new IllegalStateException("lab " + name + " has no home of its own: declare it withOwnHome()");
        }
        return home;
    }

    Path inventory() {
        return state().inventory();
    }

    /** Host n, counted from 1 as the lab names them. */
    LabHost node(int n) {
        return state().hosts().get(n - 1);
    }

    /** The data drives' devices of host n, in slot order. */
    List<String> devices(int n) {
        return node(n).dataDrives().stream().map(LabDrive::device).toList();
    }

    /** An SSH connection of the test's own to the host as root, outside aistorctl's runs. */
    SshConnector connect(LabHost host) {
        SshSettings settings = SshSettings.builder(host.name(), state().clientKey(), state().knownHosts())
                .address(host.address()).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        return SshConnector.connect(settings);
    }

    /** Runs the script on the host as root and returns what it printed; it must succeed. */
    String ssh(LabHost host, String script) {
        try (SshConnector connector = connect(host)) {
            ExecResult r = connector.run(Command.script(script), Duration.ofMinutes(2));
            assertThat(r.exitCode()).as(host.name() + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }

    /**
     * Runs the script on a lab host as root over plain ssh, with the lab's key and known_hosts from its state
     * directory (strict host key checking), for labs a test brings up through the CLI ({@code lab up --kind vm}).
     * Returns its stdout; it must succeed. Its stderr goes to the test's own.
     */
    static String ssh(Path stateDir, String address, String script) {
        try {
            Process p = new ProcessBuilder("ssh", "-i", stateDir.resolve("id_ed25519").toString(), "-o",
                    "UserKnownHostsFile=" + stateDir.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes", "-o",
                    "BatchMode=yes", "-o", "ConnectTimeout=10", "root@" + address, "bash -s")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(address + ": " + script + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the script on this machine, the controller, e.g. to detach a host's loop device; it must succeed. */
    static void controller(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(script + "\n" + out).isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The host's sshd processes as this machine sees them: the listener and one per open connection. Found in the
     * host's own process tree, so a signal sent to them reaches that host's sshd and nothing else.
     */
    List<Long> sshd(String host) {
        return lab.processes(name, host).stream().filter(pid -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("sshd");
            } catch (IOException goneMeanwhile) {
                return false;
            }
        }).toList();
    }

    /** The command line of a process, its arguments joined by spaces; empty once it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** Sends a signal (STOP, CONT, ...) to each process; one already gone is no error. */
    static void signal(String signal, List<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> controller("kill -" + signal + " " + pid + " 2>/dev/null || ! kill -0 " + pid));
        }
    }

    /** A copy of the lab's inventory with one piece of text replaced, e.g. to point at another known_hosts. */
    Path inventoryWith(Path dir, String fileName, String find, String replace) throws IOException {
        String text = Files.readString(inventory());
        assertThat(text).contains(find);
        return Files.writeString(dir.resolve(fileName), text.replace(find, replace));
    }

    /** Kills every process of the host at once, as a power loss would; its disks and address stay. */
    void powerCut(String host) {
        lab.stop(name, host, true, line -> { });
    }

    /** Boots a stopped host again and returns when it accepts SSH. */
    void start(String host) {
        lab.start(name, host, System.err::println);
    }

    /**
     * Slows writes to one block device to {@code bytesPerSecond}, machine-wide, with the cgroup v1 block-I/O
     * throttle of the root blkio cgroup (a loop device belongs to one lab host, so only that host feels it);
     * mkfs.xfs writes with direct I/O, which this throttle governs. Returns what {@link #unthrottle} takes.
     */
    static String throttleWrites(String device, long bytesPerSecond) {
        return throttle(device, bytesPerSecond, List.of(WRITE_KNOB));
    }

    /** As {@link #throttleWrites}, reads as well: a drive slow both ways, as a failing or mis-linked one is. */
    static String throttleReadsAndWrites(String device, long bytesPerSecond) {
        return throttle(device, bytesPerSecond, List.of(WRITE_KNOB, READ_KNOB));
    }

    private static final Path WRITE_KNOB = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device");
    private static final Path READ_KNOB = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.read_bps_device");

    private static String throttle(String device, long bytesPerSecond, List<Path> knobs) {
        assertThat(WRITE_KNOB).as("the cgroup v1 blkio controller, to slow one drive from outside its host").exists();
        try {
            String[] majorMinor = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev")).strip().split(":");
            String devNo = majorMinor[0] + ":" + majorMinor[1];
            for (Path knob : knobs) {
                Files.writeString(knob, devNo + " " + bytesPerSecond);
            }
            return devNo;
        } catch (IOException e) {
            throw new AssertionError("cannot throttle " + device + ": " + e.getMessage(), e);
        }
    }

    /** Lifts the device's throttle in each direction that has one. */
    static void unthrottle(String devNo) {
        try {
            for (Path knob : List.of(WRITE_KNOB, READ_KNOB)) {
                if (Files.readAllLines(knob).stream().anyMatch(l -> l.startsWith(devNo + " "))) {
                    Files.writeString(knob, devNo + " 0");
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot lift the throttle of " + devNo + ": " + e.getMessage(), e);
        }
    }

    /** The limits the root blkio cgroup holds now, both directions ("7:12 5242880" a line), to check a throttle is gone. */
    static String throttles() {
        try {
            return Files.readString(WRITE_KNOB) + Files.readString(READ_KNOB);
        } catch (IOException e) {
            throw new AssertionError("cannot read the blkio throttles: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
