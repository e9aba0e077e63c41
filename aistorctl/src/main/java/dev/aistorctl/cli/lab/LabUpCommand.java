package dev.aistorctl.cli.lab;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabArch;
import dev.aistorctl.lab.LabKind;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;
import dev.aistorctl.lab.LinkLowering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up",
        description = "Create and boot the lab hosts <name>-node1..N; write their inventory and known_hosts.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl lab up",
            "  aistorctl lab up --name rack2 --hosts 8 --drives 8 --drive-size 4GiB",
            "  aistorctl lab up --install-prereqs",
            "  aistorctl lab up --name vms --kind vm --hosts 3 --drives 4 --lower-link vms-node2:3",
            "  aistorctl lab up --name arm --kind vm --arch arm64 --hosts 1 --drives 2",
            "  aistorctl lab up --name bench --drives 2 --allocate-drives      # drives measured by accept or fio",
            "",
            "The first run builds a Debian 12 root with debootstrap (about 2 minutes) and caches it; the first"
                    + " --kind vm run also builds the VM system disk (about 4 minutes; for --arch arm64 on an x86_64"
                    + " machine 12 - 20 minutes, and each arm64 host boots in about 30 s on a quiet machine).",
            "",
            LabCommand.AS_ROOT
        })
final class LabUpCommand extends CliCommand {

    @Mixin
    LabName lab;

    @Option(names = "--hosts", defaultValue = "3", paramLabel = "N", description = "Number of hosts (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--drives", defaultValue = "4", paramLabel = "M", description = "Data drives per host (default: ${DEFAULT-VALUE}).")
    int drives;

    @Option(names = "--drive-size", defaultValue = "2GiB", paramLabel = "SIZE",
            description = "Size of each data drive (a sparse image unless --allocate-drives), e.g. 2GiB (default: ${DEFAULT-VALUE}).")
    String driveSize;

    @Option(names = "--kind", defaultValue = "container", paramLabel = "KIND",
            description = "container (systemd-nspawn on this machine's kernel, seconds to boot) or vm (QEMU guests with their"
                    + " own kernel, NVMe drives behind PCIe ports, a 200 Gb/s NIC; minutes under emulation) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "VM hosts only: x86_64 or arm64; the other architecture than this machine's is emulated"
                    + " (default: this machine's architecture).")
    String arch;

    @Option(names = "--lower-link", paramLabel = "HOST:DRIVE",
            description = "VM hosts only: make this data drive's PCIe link train below its port's capability, e.g. lab-node2:3.")
    String lowerLink;

    @Option(names = "--allocate-drives",
            description = "Container hosts only: allocate every block of each data drive's image on this machine's disk"
                    + " (hosts x drives x drive size) and keep it allocated, so that a drive's write speed is not the"
                    + " allocation of a sparse image; for measuring drives (accept, fio). The drives then refuse discards.")
    boolean allocateDrives;

    @Option(names = "--install-prereqs", description = "Install missing Debian packages (systemd-container, debootstrap, xfsprogs, ...) with apt-get.")
    boolean installPrereqs;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        long size;
        try {
            size = ByteSize.parse(driveSize).bytes();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--drive-size: " + e.getMessage());
        }
        LabSpec labSpec;
        try {
            labSpec = new LabSpec(lab.value, hosts, drives, size, installPrereqs, LabKind.parse(kind),
                    lowerLink == null ? null : LinkLowering.parse(lowerLink), arch == null ? null : LabArch.parse(arch),
                    allocateDrives);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LabState state = Lab.standard().up(labSpec, terminal::progress);
        LabStateView.print(state, terminal);
        if (!terminal.json()) {
            terminal.println("");
            terminal.println("inventory:   " + state.inventory());
            terminal.println("known_hosts: " + state.knownHosts());
            terminal.println("ssh:         ssh -i " + state.clientKey() + " -o UserKnownHostsFile=" + state.knownHosts()
                    + " root@" + state.hosts().get(0).address());
            terminal.println("tear down:   aistorctl lab down" + lab.flag());
        }
        return ExitCode.OK.code();
    }
}
