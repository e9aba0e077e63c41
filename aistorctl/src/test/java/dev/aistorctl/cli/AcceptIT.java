package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.lab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * accept against three lab hosts with two XFS data drives each. One drive of one host is slowed from
 * outside the lab, by the machine's own cgroup v1 block I/O throttle on that drive's loop device for
 * every process of that host, and the network of another host by a tbf qdisc on its veth (what reaches
 * the host): accept must fail exactly that drive, naming host, mount and image, and exactly that host's
 * network, and pass every other drive and host; with both throttles gone, everything passes. No test
 * file is left on any drive, no sender, receiver or directory of the network rounds on any host. No node is installed:
 * the S3 part, run with the others as no part is named, skips every host with the reason and fails nothing.
 */
@Tag("lab")
class AcceptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "accit";
    private static final Path THROTTLE = Path.of("/sys/fs/cgroup/blkio/aistorctl-accept-it");
    private static final long FIVE_MB = 5L << 20;
    /** Far below what a veth moves even on a busy machine, and above what the TCP acknowledgements need. */
    private static final String SHAPED_RATE = "40mbit";
    @RegisterExtension
    static final LabHosts lab = LabHosts.of(CLUSTER, 3, 2);
    private static String shapedVeth;

    @BeforeAll
    static void up() {
        CliRun prepared = CliRun.typing(CLUSTER, "drives", "prepare", "-i", lab.inventory().toString(), "--wipe-drives");
        assertThat(prepared.exitCode()).as(prepared.out() + prepared.err()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        unshape();
        unthrottle();
    }

    @Test
    void aThrottledDriveAndAShapedHostFailAloneNamedAndPassOnceTheThrottlesAreGone() throws Exception {
        long start = System.nanoTime();
        LabHost slowHost = lab.state().hosts().get(1);
        var slowDrive = slowHost.dataDrives().get(1);
        throttle(slowHost, slowDrive.device());
        LabHost shapedHost = lab.state().hosts().get(2);
        shapedVeth = vethOf(shapedHost);
        tc("qdisc", "add", "dev", shapedVeth, "root", "tbf", "rate", SHAPED_RATE, "burst", "32kb", "latency", "50ms");

        CliRun slow = accept();
        assertThat(slow.exitCode()).as(slow.out() + slow.err()).isEqualTo(3);
        JsonNode doc = JSON.readTree(slow.out());
        // Right after drives prepare no node is installed: with no part named S3 runs too and skips every host, saying why.
        assertThat(doc.get("s3").get("skipped").fieldNames()).toIterable()
                .containsExactlyElementsOf(lab.state().hosts().stream().map(LabHost::name).toList());
        doc.get("s3").get("skipped").forEach(why -> assertThat(why.asText()).startsWith("no storage node installed"));
        assertThat(doc.get("unmeasured")).as(slow.out()).isEmpty();
        List<String> failed = new ArrayList<>();
        doc.get("findings").fields().forEachRemaining(e -> e.getValue().forEach(f -> {
            if (f.get("severity").asText().equals("FAIL")) {
                failed.add(e.getKey() + " " + f.get("rule").asText() + " " + f.get("device").asText() + " " + f.get("message").asText()
                        + " " + f.get("hint").asText());
            }
        }));
        List<String> drives = failed.stream().filter(f -> f.contains(" accept.drive_")).toList();
        List<String> network = failed.stream().filter(f -> f.contains(" accept.network_")).toList();
        assertThat(failed).as(slow.out()).hasSize(drives.size() + network.size());
        assertThat(drives).as(slow.out()).isNotEmpty().allSatisfy(f -> assertThat(f)
                .startsWith(slowHost.name() + " accept.drive_")
                .contains("/mnt/drive2 (" + slowDrive.device() + ", image " + slowDrive.backingFile() + ")")
                .contains("cgroup blkio throttling"));
        assertThat(drives).anyMatch(f -> f.contains("accept.drive_peers"));
        assertThat(doc.get("drives")).hasSize(3).allSatisfy(h -> assertThat(h.get("drives")).hasSize(2));
        // The qdisc shapes what reaches the host: its receive fails against the peers, named by its data address.
        assertThat(network).as(slow.out()).isNotEmpty().allSatisfy(f -> assertThat(f)
                .startsWith(shapedHost.name() + " accept.network_peers eth0 (" + shapedHost.address() + ")")
                .contains("tc qdisc"));
        assertThat(network).anyMatch(f -> f.contains(": receive with every peer at once"));
        JsonNode net = doc.get("network");
        assertThat(net.get("hosts")).hasSize(3);
        assertThat(net.get("pairs")).hasSize(3 + 6).allSatisfy(p -> assertThat(p.get("mbits").asDouble()).isPositive());
        assertThat(net.get("problems")).isEmpty();

        unthrottle();
        unshape();
        CliRun fast = accept();
        assertThat(fast.exitCode()).as(fast.out() + fast.err()).isZero();
        assertThat(JSON.readTree(fast.out()).get("failed").asLong()).isZero();

        for (LabHost h : lab.state().hosts()) {
            assertThat(ssh(h, "ls -A /mnt/drive1 /mnt/drive2")).doesNotContain(".aistorctl-accept");
            assertThat(ssh(h, "ls -d /tmp/.aistorctl-accept-net-* 2>/dev/null; ps -eo args | grep -E '^(python3 -c|iperf3|timeout) ' || true"))
                    .as(h.name() + ": what the network rounds started").isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(3));
    }

    /** The root-namespace end of the host's veth: the peer of the eth0 in its network namespace ("eth0@if57"). */
    private static String vethOf(LabHost host) throws Exception {
        String inner = run("ip", "-n", host.netns(), "-o", "link", "show", "eth0");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("eth0@if(\\d+)").matcher(inner);
        assertThat(m.find()).as(inner).isTrue();
        String outer = run("ip", "-o", "link", "show");
        for (String line : outer.split("\n")) {
            if (line.startsWith(m.group(1) + ": ")) {
                return line.split(": ")[1].split("@")[0];
            }
        }
        throw new AssertionError("no link with index " + m.group(1) + " for " + host.name() + ":\n" + outer);
    }

    private static void tc(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tc"));
        argv.addAll(List.of(args));
        run(argv.toArray(String[]::new));
    }

    private static void unshape() throws Exception {
        if (shapedVeth != null) {
            tc("qdisc", "del", "dev", shapedVeth, "root");
            shapedVeth = null;
        }
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + "\n" + out).isZero();
        return out;
    }

    private static CliRun accept() {
        return CliRun.of("accept", "-i", lab.inventory().toString(), "--duration", "3s", "--size", "256MiB", "-o", "json");
    }

    /** Moves every process of the host into a blkio cgroup that holds the drive's loop device to 5 MB/s each way. */
    private static void throttle(LabHost host, String device) throws IOException {
        Files.createDirectories(THROTTLE);
        String majMin = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev")).strip();
        Files.writeString(THROTTLE.resolve("blkio.throttle.write_bps_device"), majMin + " " + FIVE_MB);
        Files.writeString(THROTTLE.resolve("blkio.throttle.read_bps_device"), majMin + " " + FIVE_MB);
        Path hostCgroup = Path.of("/sys/fs/cgroup/unified/aistorctl-lab", CLUSTER, host.name());
        int moved = 0;
        try (var walk = Files.walk(hostCgroup)) {
            for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String pid : Files.readAllLines(procs)) {
                    try {
                        Files.writeString(THROTTLE.resolve("cgroup.procs"), pid.strip());
                        moved++;
                    } catch (IOException exited) {
                        // a process that ended meanwhile
                    }
                }
            }
        }
        assertThat(moved).as("processes of " + host.name() + " throttled").isPositive();
    }

    /** Moves the processes back to the blkio root and removes the throttling cgroup. */
    private static void unthrottle() throws IOException {
        if (!Files.isDirectory(THROTTLE)) {
            return;
        }
        for (String pid : Files.readAllLines(THROTTLE.resolve("cgroup.procs"))) {
            try {
                Files.writeString(Path.of("/sys/fs/cgroup/blkio/cgroup.procs"), pid.strip());
            } catch (IOException exited) {
                // ended meanwhile
            }
        }
        Files.delete(THROTTLE);
    }

    private static String ssh(LabHost host, String script) {
        SshSettings settings = SshSettings.builder(host.name(), lab.state().clientKey(), lab.state().knownHosts())
                .address(host.address()).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            ExecResult r = connector.run(Command.script(script), Duration.ofMinutes(1));
            assertThat(r.exitCode()).as(host.name() + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }
}
