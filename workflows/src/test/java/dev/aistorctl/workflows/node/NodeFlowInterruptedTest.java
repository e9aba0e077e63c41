package dev.aistorctl.workflows.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.preflight.PreflightFinding;
import dev.aistorctl.workflows.RecordingOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the two phases of a node install (and of a provision) that run no playbook: the pre-flight survey and the
 * wait for health. Each stops as soon as it is asked, with the survey's commands killed on every host first, and the
 * cut is said for what it is, not as hosts that failed.
 */
// Without the cut, the work waits ten minutes: the test fails on its timeout instead.
@Timeout(60)
class NodeFlowInterruptedTest {
    @TempDir
    Path dir;

    private final Interruption interruption = new Interruption();
    private final List<String> killed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    @Test
    void ctrlCDuringTheSurveyKillsItsCommandOnEveryHostAndEndsThePreflightAsInterrupted() throws Exception {
        CountDownLatch surveying = new CountDownLatch(2);
        NodeFlow flow = flow(inventory(unusedPort()), surveying);
        requestWhen(surveying);

        List<PreflightFinding> findings = flow.preflight(Set.of());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(NodeFlow.INTERRUPTED);
            assertThat(f.cause()).isEqualTo("interrupted (SIGINT)");
        });
        assertThat(killed).as("the survey killed on each host before pre-flight returned").containsExactlyInAnyOrder("node01", "node02");
        assertThat(ran).as("nothing after the survey: no clocks, no pings").isEmpty();
        assertThat(flow.document.path("preflight").toString()).contains("\"check\":\"interrupted\"");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void ctrlCDuringTheHealthWaitEndsItAtOnceWithoutDiagnosingTheNodesAsDown() throws Exception {
        // Nothing listens on the API port: every probe is refused at once and the wait would go on for five minutes.
        NodeFlow flow = flow(inventory(unusedPort()), new CountDownLatch(0));
        CountDownLatch waiting = new CountDownLatch(1);
        RecordingOutput output = (RecordingOutput) flow.terminal;
        Thread signal = new Thread(() -> {
            try {
                while (!String.join("\n", List.copyOf(output.all)).contains("health: waiting")) {
                    Thread.sleep(20);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            waiting.countDown();
            interruption.request("SIGINT");
        });
        signal.setDaemon(true);
        signal.start();

        ClusterHealth health = flow.awaitHealth();

        assertThat(waiting.getCount()).isZero();
        assertThat(health.healthy()).isFalse();
        assertThat(String.join("\n", List.copyOf(output.all))).contains("health: not waited for any more: interrupted (SIGINT)").doesNotContain("is NOT healthy");
        assertThat(ran).as("no diagnosis of the nodes: they are not down, the wait was cut").isEmpty();
        assertThat(flow.document.path("health").path("interrupted").asText()).isEqualTo("SIGINT");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private NodeFlow flow(Inventory inventory, CountDownLatch surveying) {
        NodeCluster cluster = new NodeCluster(inventory, host -> new Host(host, surveying), new Redactor());
        return new NodeFlow(new RecordingOutput(), cluster, NodeSettings.DEFAULTS, "node install").interruptedBy(interruption);
    }

    private void requestWhen(CountDownLatch ready) {
        Thread signal = new Thread(() -> {
            try {
                ready.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            interruption.request("SIGINT");
        });
        signal.setDaemon(true);
        signal.start();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Inventory inventory(int apiPort) throws IOException {
        Path password = Files.writeString(dir.resolve("root-password"), "not-a-real-password-1234\n");
        Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path binary = Files.write(dir.resolve("minio"), new byte[] {0x7f, 'E', 'L', 'F'});
        Path inv = dir.resolve("inventory.yaml");
        Files.writeString(inv, """
                version: 1
                cluster: {name: poc}
                ssh: {user: root}
                node:
                  flavour: minio
                  api_port: %d
                  binary: {path: %s, sha256: %s}
                  root_user: admin
                  root_password: {file: %s}
                hosts:
                  node01: {address: 127.0.0.1}
                  node02: {address: 127.0.0.2}
                pools:
                  - name: pool1
                    hosts: [node01, node02]
                    drives: {count: 4, select: {transport: nvme}, mount: "/mnt/drive{1...4}"}
                """.formatted(apiPort, binary, dev.aistorctl.storagenode.node.Sha256.of(binary), password));
        return InventoryLoader.load(inv);
    }

    /** A host whose survey runs until it is interrupted, as a command on a hung host would, and is then killed. */
    private final class Host implements Connector {
        private final String name;
        private final CountDownLatch surveying;

        Host(String name, CountDownLatch surveying) {
            this.name = name;
            this.surveying = surveying;
        }

        @Override
        public String host() {
            return name;
        }

        @Override
        public ExecResult run(Command command, byte[] stdin, Duration timeout) {
            List<String> argv = command.argv();
            if (argv.size() > 3 && argv.get(3).equals("survey")) {
                surveying.countDown();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                } catch (InterruptedException e) {
                    killed.add(name);
                    Thread.currentThread().interrupt();
                    throw new dev.aistorctl.core.RemoteException(name, "survey the node", "interrupted; its processes were killed");
                }
                return new ExecResult(1, new byte[0], "surveyed for ten minutes".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
            }
            ran.add(name + ": " + command.toShellLine());
            return new ExecResult(127, new byte[0], "not expected".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        @Override
        public void put(byte[] content, String remotePath, int mode) {
            ran.add(name + ": upload " + remotePath);
        }

        @Override
        public byte[] get(String remotePath) {
            ran.add(name + ": read " + remotePath);
            return new byte[0];
        }

        @Override
        public void close() {
        }
    }
}
