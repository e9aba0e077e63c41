package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;

/** What the lab tests share: preconditions that fail loudly, SSH through the project's connector, and the search for leftovers. */
final class LabTesting {
    private LabTesting() {
    }

    /** A lab test that cannot run fails: a skipped lab test would let a broken lab pass CI. */
    static void requireLabMachine() {
        assertThat(Tools.isRoot()).as("lab tests must run as root (loop devices, namespaces, mounts, containers)").isTrue();
        assertThat(Tools.missing()).as("tools the lab needs on this machine; install: apt-get install systemd-container"
                + " debootstrap xfsprogs e2fsprogs mount iproute2 util-linux openssh-client").isEmpty();
    }

    /** Runs a script on a lab host through the project's own SSH connector, with strict host key checking. */
    static ExecResult ssh(LabState lab, LabHost host, String script) {
        SshSettings settings = SshSettings.builder(host.name(), lab.clientKey(), lab.knownHosts())
                .address(host.address()).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            return connector.run(Command.script(script), Duration.ofMinutes(2));
        } catch (RemoteException unreachable) {
            return new ExecResult(255, new byte[0], unreachable.getMessage().getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }
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
