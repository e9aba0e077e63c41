package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the lab tests share: preconditions that fail loudly, SSH through OpenSSH, and the search for leftovers. */
final class LabTesting {
    private LabTesting() {
    }

    /** A lab test that cannot run fails: a skipped lab test would let a broken lab pass CI. */
    static void requireLabMachine() {
        assertThat(Tools.isRoot()).as("lab tests must run as root (loop devices, namespaces, mounts, containers)").isTrue();
        assertThat(Tools.missing()).as("tools the lab needs on this machine; install: apt-get install systemd-container"
                + " debootstrap xfsprogs e2fsprogs mount iproute2 util-linux openssh-client").isEmpty();
    }

    static ExecResult ssh(LabState lab, LabHost host, String script) {
        List<String> argv = new ArrayList<>(SshProbe.sshArgv(host.address(), lab.clientKey(), lab.knownHosts()));
        argv.add(script);
        return Proc.run(argv, Duration.ofMinutes(2));
    }

    static String sshOk(LabState lab, LabHost host, String script) {
        ExecResult r = ssh(lab, host, script);
        assertThat(r.exitCode()).as(host.name() + ": " + script + "\nstderr: " + r.stderrText()).isZero();
        return r.stdoutText();
    }

    /** Everything of lab {@code name} still on this machine, by the names and paths it owns. */
    static List<String> leftovers(String name, Path stateDir) throws IOException {
        List<String> left = new ArrayList<>();
        LoopDevices.backedBy(stateDir).forEach(l -> left.add("loop device " + l));
        Mounts.under(stateDir).forEach(m -> left.add("mount " + m));
        for (String mountsLine : Files.readAllLines(Path.of("/proc/mounts"))) {
            if (mountsLine.contains(stateDir.toString()) || mountsLine.contains("/run/netns/lab-" + name + "-")) {
                left.add("mount " + mountsLine);
            }
        }
        if (Files.isDirectory(Path.of("/run/netns"))) {
            try (var s = Files.list(Path.of("/run/netns"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lab-" + name + "-"))
                        .forEach(n -> left.add("netns " + n));
            }
        }
        LabNetwork.listLinks().stream().filter(n -> n.equals(LabNetwork.bridgeName(name)) || LabNetwork.ownedVeth(name)
                .matcher(n).matches()).forEach(n -> left.add("link " + n));
        if (Files.exists(Cgroups.labDir(name))) {
            left.add("cgroup " + Cgroups.labDir(name));
        }
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(cmd -> {
            if (cmd.contains("--machine=" + name + "-node") || cmd.contains(stateDir + "/")) {
                left.add("process " + p.pid() + " " + cmd);
            }
        }));
        if (Files.exists(stateDir)) {
            left.add("state directory " + stateDir);
        }
        return left;
    }

    static List<String> losetupLines(Path stateDir) {
        String all = Proc.run(List.of("losetup", "-a"), Duration.ofSeconds(10)).stdoutText();
        return all.lines().filter(l -> l.contains(stateDir.toString())).toList();
    }
}
