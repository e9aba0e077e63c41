package dev.aistorctl.workflows.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.lock.HostLockedException;
import dev.aistorctl.playbooks.lock.LockHolder;
import dev.aistorctl.storagenode.node.Sha256;
import dev.aistorctl.storagenode.preflight.PreflightFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node install} with a server binary built for another architecture than a host's: pre-flight refuses it
 * naming the host and both architectures, and nothing is uploaded or run beyond the survey, the clocks and the
 * path-MTU pings between the nodes (the inventory's profile asks for jumbo frames end to end). Also a host that
 * another run holds: pre-flight names the lock, not SSH access.
 */
class NodeFlowArchitectureTest {
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;

    @TempDir
    Path dir;

    /** Hosts that answer the survey (as the named architecture) and the clock reads, and record everything else. */
    private final Map<String, String> machines = Map.of("node01", "x86_64", "node02", "aarch64");
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aMinioBinaryForTheWrongArchitectureIsRefusedInPreflightBeforeAnyUpload() throws IOException {
        NodeFlow flow = flow(inventory("minio", "artifacts/minio", elf(EM_X86_64)));

        assertThat(flow.install(Set.of(), false)).isFalse();

        assertThat(unexpected).as("no upload and no command after pre-flight").isEmpty();
        assertThat(flow.document.path("runs")).isEmpty();
        List<PreflightFinding> findings = flow.preflight(Set.of());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("node02");
            assertThat(f.check()).isEqualTo("architecture");
            assertThat(f.cause()).contains(dir.resolve("artifacts/minio").toString(), "built for x86_64", "this host is aarch64");
        });
    }

    @Test
    void aBinaryForEveryHostsArchitecturePassesTheCheck() throws IOException {
        Map<String, String> sameEverywhere = Map.of("node01", "aarch64", "node02", "aarch64");
        NodeFlow flow = flow(inventory("minio", "artifacts/minio", elf(EM_AARCH64)), sameEverywhere);

        assertThat(flow.preflight(Set.of())).isEmpty();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theS3ProxyJarIsNotElfAndIsNotChecked() throws IOException {
        NodeFlow flow = flow(inventory("s3proxy", "artifacts/s3proxy.jar", new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0}));

        assertThat(flow.preflight(Set.of())).isEmpty();
    }

    @Test
    void aHostHeldByAnotherRunIsNamedAsLockedWithTheWayToBreakItNotAsUnreachable() throws IOException {
        Inventory inventory = inventory("s3proxy", "artifacts/s3proxy.jar", new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0});
        LockHolder other = new LockHolder("20261207T101500Z-ab12", "controller2", "ops", 4242, Instant.parse("2026-12-07T10:15:00Z"));
        NodeCluster cluster = new NodeCluster(inventory, host -> {
            if (host.equals("node02")) {
                throw HostLockedException.held(host, "take the run lock /run/aistorctl.lock", other, Instant.parse("2026-12-07T10:20:00Z"));
            }
            return new Host(host, "x86_64");
        }, new Redactor());
        NodeFlow flow = new NodeFlow(new RecordingOutput(), cluster, NodeSettings.DEFAULTS, "node install");

        assertThat(flow.preflight(Set.of())).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("node02");
            assertThat(f.check()).isEqualTo("lock");
            assertThat(f.cause()).contains("held by", "20261207T101500Z-ab12",
                    "see what it is doing on controller2 as ops: 'aistorctl runs list' there");
            assertThat(f.hint()).isEqualTo("another run holds this host: wait for it to end, or if it is gone, break its lock"
                    + " with --break-lock 20261207T101500Z-ab12").doesNotContain("SSH");
        });
        assertThat(unexpected).isEmpty();
    }

    private NodeFlow flow(Inventory inventory) {
        return flow(inventory, machines);
    }

    private NodeFlow flow(Inventory inventory, Map<String, String> arch) {
        NodeCluster cluster = new NodeCluster(inventory, host -> new Host(host, arch.get(host)), new Redactor());
        return new NodeFlow(new RecordingOutput(), cluster, NodeSettings.DEFAULTS, "node install");
    }

    private Inventory inventory(String flavour, String binary, byte[] content) throws IOException {
        Path file = dir.resolve(binary);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Path inv = dir.resolve("inventory.yaml");
        Files.writeString(inv, """
                version: 1
                cluster: {name: poc}
                ssh: {user: root}
                node:
                  flavour: %s
                  binary: {path: %s, sha256: %s}
                  root_user: admin
                  root_password: {env: AISTORCTL_TEST_UNSET}
                pools:
                  - name: pool1
                    hosts: [node01, node02]
                    drives: {count: 4, select: {transport: nvme}, mount: "/mnt/drive{1...4}"}
                """.formatted(flavour, binary, Sha256.of(file)));
        return InventoryLoader.load(inv);
    }

    /** The first 64 bytes of a 64-bit little-endian executable for {@code machine}: all pre-flight reads. */
    private static byte[] elf(int machine) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = 2;
        h[5] = 1;
        h[6] = 1;
        h[16] = 2;
        h[18] = (byte) machine;
        h[19] = (byte) (machine >> 8);
        return h;
    }

    /** iputils ping of a don't-fragment 9000-byte frame that crossed (as in fixtures/emulated/ping-mtu/ok-9000). */
    private static final String JUMBO_FRAME_CROSSES = """
            PING 10.218.0.2 (10.218.0.2) 8972(9000) bytes of data.
            8980 bytes from 10.218.0.2: icmp_seq=1 ttl=64 time=0.101 ms
            8980 bytes from 10.218.0.2: icmp_seq=2 ttl=64 time=0.082 ms
            8980 bytes from 10.218.0.2: icmp_seq=3 ttl=64 time=0.057 ms

            --- 10.218.0.2 ping statistics ---
            3 packets transmitted, 3 received, 0% packet loss, time 408ms
            rtt min/avg/max/mdev = 0.057/0.080/0.101/0.018 ms
            """;

    private final class Host implements Connector {
        private final String name;
        private final String machine;

        Host(String name, String machine) {
            this.name = name;
            this.machine = machine;
        }

        @Override
        public String host() {
            return name;
        }

        @Override
        public ExecResult run(Command command, byte[] stdin, Duration timeout) {
            List<String> argv = command.argv();
            if (argv.size() > 3 && argv.get(3).equals("survey")) {
                return ok(survey(argv));
            }
            if (argv.equals(List.of("true"))) {
                return ok("");
            }
            if (argv.equals(List.of("date", "+%s.%N"))) {
                return ok(String.format("%.3f%n", System.currentTimeMillis() / 1000.0));
            }
            if (argv.contains("ping")) {
                return ok(JUMBO_FRAME_CROSSES);
            }
            unexpected.add(name + ": " + command.toShellLine());
            return new ExecResult(127, new byte[0], "not expected".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        /** A ready node: sh -c SCRIPT survey PORT BINARY CONFIG MASK STAMP N MOUNT... NAME... */
        private String survey(List<String> argv) {
            int n = Integer.parseInt(argv.get(9));
            StringBuilder out = new StringBuilder("== active\ninactive\n== stamp\n== arch\n" + machine
                    + "\n== nr_open\n1048576\n== port\n== binary\n== config\n");
            for (String mount : argv.subList(10, 10 + n)) {
                out.append("== mount ").append(mount).append('\n').append(mount).append(" xfs\n")
                        .append("== df ").append(mount).append("\n2000000000 2130000000\n== format ").append(mount).append('\n');
            }
            List<String> names = argv.subList(10 + n, argv.size());
            for (int i = 0; i < names.size(); i++) {
                out.append("== getent ").append(names.get(i)).append("\n10.0.0.1").append(i).append(' ').append(names.get(i)).append('\n');
            }
            return out.toString();
        }

        private ExecResult ok(String stdout) {
            return new ExecResult(0, stdout.getBytes(StandardCharsets.UTF_8), new byte[0], Duration.ZERO);
        }

        @Override
        public void put(byte[] content, String remotePath, int mode) {
            unexpected.add(name + ": upload " + remotePath);
        }

        @Override
        public byte[] get(String remotePath) {
            unexpected.add(name + ": read " + remotePath);
            return new byte[0];
        }

        @Override
        public void close() {
        }
    }
}
