package dev.aistorctl.cli.lab;

import java.nio.file.Path;
import java.util.List;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.lab.DriveThrottle;
import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabArch;
import dev.aistorctl.lab.LabKind;
import dev.aistorctl.lab.LabState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The lab's subcommands. Each is one call of the lab with progress on the terminal, so all but
 * {@code up} (which has options of its own) are methods here, sharing the terminal. Their footers
 * take the "Examples:" heading from the root command, whose attributes every command inherits.
 */
@Command(name = "lab",
        description = "Local lab hosts to rehearse an install: Debian 12 containers with systemd, sshd and loop-device drives, or"
                + " QEMU VMs with their own kernel and NVMe drives (--kind vm) (needs root).",
        subcommands = {LabUpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl lab up --hosts 3 --drives 4       # a root shell (may have no sudo)",
            "  aistorctl lab status -o json",
            "  aistorctl verify-hardware -i ~/.aistorctl/lab/lab/inventory.yaml",
            "  aistorctl lab down",
            "  sudo aistorctl lab up --hosts 3 --drives 4  # any other shell"
        })
public final class LabCommand {
    private static final String HOST = "The lab host, e.g. lab-node2.";
    /**
     * Every lab command needs root, and a root shell on a fresh server or VM often has no sudo: the
     * examples are written as a root shell runs them, and this line ends the help of each lab subcommand.
     */
    static final String AS_ROOT = "Needs root: a root shell runs these as shown, any other with sudo in front.";

    @Spec
    CommandSpec spec;

    @Command(name = "prepare",
            description = "Check the lab's prerequisites and build the cached Debian 12 root its hosts run on (before going offline, or in CI).",
            footer = {"  aistorctl lab prepare", "  aistorctl lab prepare --install-prereqs",
                "  aistorctl lab prepare --kind vm --install-prereqs",
                "  aistorctl lab prepare --kind vm --arch arm64 --install-prereqs", "", AS_ROOT})
    int prepare(@Option(names = "--install-prereqs", description = "Install missing Debian packages with apt-get.") boolean installPrereqs,
                @Option(names = "--kind", defaultValue = "container", paramLabel = "KIND",
                        description = "container, or vm to also build the VM hosts' system disk and install QEMU's packages"
                                + " with --install-prereqs (default: ${DEFAULT-VALUE}).") String kind,
                @Option(names = "--arch", paramLabel = "ARCH",
                        description = "With --kind vm: the VM hosts' architecture, x86_64 or arm64 (qemu-system-arm; default:"
                                + " this machine's).") String arch) {
        Terminal terminal = Terminal.of(spec);
        Path root = Lab.standard().prepare(installPrereqs, LabKind.parse(kind),
                arch == null ? LabArch.controller() : LabArch.parse(arch), terminal::progress);
        terminal.println("lab root filesystem ready: " + root);
        return ExitCode.OK.code();
    }

    @Command(name = "status",
            description = "Each lab host: its address, state and drives. Exit 1 if a host is not running.",
            footer = {"  aistorctl lab status", "  aistorctl lab status --name rack2 -o json", "", AS_ROOT})
    int status(@Mixin LabName lab) {
        LabState state = Lab.standard().status(lab.value);
        LabStateView.print(state, Terminal.of(spec));
        return state.allRunning() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
    }

    @Command(name = "stop",
            description = "Stop one lab host and keep its disks, to rehearse a server going down in the middle of a run. `lab start` boots it again.",
            footer = {"  aistorctl lab stop lab-node2",
                "  aistorctl lab stop lab-node2 --power-cut   # no clean shutdown, as a power loss", "", AS_ROOT})
    int stop(@Parameters(paramLabel = "HOST", description = HOST) String host, @Mixin LabName lab,
             @Option(names = "--power-cut", description = "Kill every process of the host at once (a VM's QEMU included) instead of a clean poweroff.") boolean powerCut) {
        Terminal terminal = Terminal.of(spec);
        Lab.standard().stop(lab.value, host, powerCut, terminal::progress);
        terminal.println(host + " is stopped; start it again with: aistorctl lab start " + host + lab.flag());
        return ExitCode.OK.code();
    }

    @Command(name = "start",
            description = "Boot a stopped lab host again, with its disks as they were; returns when it accepts SSH.",
            footer = {"  aistorctl lab start lab-node2", "", AS_ROOT})
    int start(@Parameters(paramLabel = "HOST", description = HOST) String host, @Mixin LabName lab) {
        Terminal terminal = Terminal.of(spec);
        LabStateView.print(Lab.standard().start(lab.value, host, terminal::progress), terminal);
        return ExitCode.OK.code();
    }

    @Command(name = "reboot",
            description = "Reboot lab hosts cleanly from inside (systemctl reboot), all named hosts at once; returns when every one accepts SSH in its new boot.",
            footer = {"  aistorctl lab reboot lab-node2", "  aistorctl lab reboot --name vms vms-node1 vms-node2", "", AS_ROOT})
    int reboot(@Parameters(paramLabel = "HOST", arity = "1..*", description = HOST) List<String> hosts, @Mixin LabName lab) {
        Terminal terminal = Terminal.of(spec);
        LabStateView.print(Lab.standard().reboot(lab.value, hosts, terminal::progress), terminal);
        return ExitCode.OK.code();
    }

    @Command(name = "unplug",
            description = "Pull one data drive out of a running VM host (PCIe hot-unplug), as a dead drive would; it stays out "
                    + "across reboots of the host until lab stop and lab start put it back.",
            footer = {"  aistorctl lab unplug --name vms vms-node2 3", "", AS_ROOT})
    int unplug(@Parameters(index = "0", paramLabel = "HOST", description = HOST) String host,
               @Parameters(index = "1", paramLabel = "DRIVE", description = "The data drive's number, 1 to the lab's drives per host.") int drive,
               @Mixin LabName lab) {
        Terminal terminal = Terminal.of(spec);
        Lab.standard().unplug(lab.value, host, drive, terminal::progress);
        terminal.println(host + ": data drive " + drive + " is out; lab stop and lab start " + host + lab.flag() + " put it back");
        return ExitCode.OK.code();
    }

    @Command(name = "throttle",
            description = "Slow one data drive of a lab host from outside, as a failing drive would, so that a fault lands while a"
                    + " format runs: a VM host's drive in QEMU (until lifted or the host stops), a container host's loop device by"
                    + " this machine's cgroup v1 blkio throttle (until lifted or lab down). Each call sets the drive's limits"
                    + " whole: a direction it does not name has none.",
            footer = {"  aistorctl lab throttle --name vms vms-node1 3 --write-bps 128KiB   # mkfs.xfs crawls, probes do not",
                "  aistorctl lab throttle lab-node2 2 --bps 5MB                        # reads and writes",
                "  aistorctl lab throttle --name vms vms-node1 3 --off", "", AS_ROOT})
    int throttle(@Parameters(index = "0", paramLabel = "HOST", description = HOST) String host,
                 @Parameters(index = "1", paramLabel = "DRIVE", description = "The data drive's number, 1 to the lab's drives per host.") int drive,
                 @Option(names = "--bps", paramLabel = "BYTES_PER_SECOND",
                         description = "The limit for reads and for writes, e.g. 131072 or 128KiB; 0 lifts it.") String bps,
                 @Option(names = "--read-bps", paramLabel = "BYTES_PER_SECOND", description = "The limit for reads alone.") String readBps,
                 @Option(names = "--write-bps", paramLabel = "BYTES_PER_SECOND", description = "The limit for writes alone.") String writeBps,
                 @Option(names = "--off", description = "Lift the drive's limits.") boolean off,
                 @Mixin LabName lab) {
        DriveThrottle limits = throttleLimits(bps, readBps, writeBps, off);
        Terminal terminal = Terminal.of(spec);
        Lab.standard().throttle(lab.value, host, drive, limits, terminal::progress);
        terminal.println(limits.none() ? host + ": data drive " + drive + " is no longer throttled"
                : host + ": data drive " + drive + " is held to " + LabStateView.describe(limits) + "; lift it with: aistorctl lab throttle "
                        + host + " " + drive + " --off" + lab.flag());
        return ExitCode.OK.code();
    }

    /** {@code --off}, or {@code --bps}, or {@code --read-bps} and/or {@code --write-bps}: the drive's limits, whole. */
    static DriveThrottle throttleLimits(String bps, String readBps, String writeBps, boolean off) {
        int given = (off ? 1 : 0) + (bps != null ? 1 : 0) + (readBps != null || writeBps != null ? 1 : 0);
        if (given != 1) {
            throw new UsageException("lab throttle: give one of --bps, --read-bps and/or --write-bps, or --off");
        }
        if (off) {
            return DriveThrottle.NONE;
        }
        if (bps != null) {
            long both = bytesPerSecond("--bps", bps);
            return new DriveThrottle(both, both);
        }
        return new DriveThrottle(bytesPerSecond("--read-bps", readBps), bytesPerSecond("--write-bps", writeBps));
    }

    private static long bytesPerSecond(String option, String text) {
        if (text == null) {
            return 0;
        }
        try {
            return ByteSize.parse(text).bytes();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    @Command(name = "down",
            description = "Stop the lab and remove everything it made: containers, mounts, loop devices, namespaces, bridge, state. Safe to repeat and after a crash.",
            footer = {"  aistorctl lab down", "  aistorctl lab down --name rack2", "", AS_ROOT})
    int down(@Mixin LabName lab) {
        Terminal terminal = Terminal.of(spec);
        Lab.standard().down(lab.value, terminal::progress);
        terminal.println("lab " + lab.value + " is down; nothing of it is left");
        return ExitCode.OK.code();
    }
}
