package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureStream;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.inventory.SecretRef;
import dev.aistorctl.playbooks.StepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The lab's recorded captures (storage-node's test resources: four 2 GiB loop data drives and an ext4
 * system disk at /srv/system), an inventory of that lab host, and a step context whose host answers the
 * drive probe with captures given in order.
 */
final class LabCaptures {
    static final String CLUSTER = "drfix";

    private LabCaptures() {
    }

    static CaptureBundle recorded(String name) {
        String fixtures = System.getProperty("aistorctl.fixtures");
        assertThat(fixtures).as("system property aistorctl.fixtures (set by the Maven build)").isNotBlank();
        return CaptureBundle.read(Path.of(fixtures).getParent().resolve("storage-node/src/test/resources/lsblk").resolve(name));
    }

    /** A copy of {@code bundle} with one file replaced or added. */
    static CaptureBundle with(CaptureBundle bundle, String file, String text) {
        CaptureBundle.Builder b = CaptureBundle.builder(bundle.host());
        for (String f : bundle.fileNames()) {
            if (!f.equals(file)) {
                b.source(f, f, 0, 1, bundle.bytes(f).orElseThrow(), new byte[0]);
            }
        }
        return b.source(file, file, 0, 1, text.getBytes(StandardCharsets.UTF_8), new byte[0]).build();
    }

    static Inventory inventory(int drives) {
        return inventory(drives, 1);
    }

    /** Hosts node1 to nodeN, each with the lab host's drive rule. */
    static Inventory inventory(int drives, int hosts) {
        if (hosts > 1) {
            String yaml = """
                    version: 1
                    cluster: {name: %s}
                    ssh: {user: root}
                    node: {flavour: s3proxy, api_port: 9000, console_port: 9001, root_user: admin, root_password: {env: ROOT_PASSWORD}}
                    pools:
                      - name: pool1
                        hosts: node{1...%d}
                        drives:
                          count: %d
                          select: {transport: any, min_size: 1984MiB, max_size: 2GiB}
                          mount: /mnt/drive{1...%d}
                    """.formatted(CLUSTER, hosts, drives, drives);
            return InventoryLoader.parse(Path.of("inventory.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
        }
        String yaml = """
                version: 1
                cluster: {name: %s}
                ssh: {user: root}
                node: {flavour: s3proxy, api_port: 9000, console_port: 9001, root_user: admin, root_password: {env: ROOT_PASSWORD}}
                pools:
                  - name: pool1
                    hosts: node1
                    drives:
                      count: %d
                      select: {transport: any, min_size: 1984MiB, max_size: 2GiB}
                      mount: /mnt/drive{1...%d}
                hosts:
                  node1: {address: 10.0.0.1}
                """.formatted(CLUSTER, drives, drives);
        return InventoryLoader.parse(Path.of("inventory.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** A host that answers each drive probe with the next capture, and records every command. */
    static final class Host implements Connector {
        final Deque<CaptureBundle> probes = new ArrayDeque<>();
        final List<Command> commands = new ArrayList<>();
        ExecResult otherwise = new ExecResult(0, new byte[0], new byte[0], Duration.ZERO);

        Host(CaptureBundle... answers) {
            probes.addAll(List.of(answers));
        }

        @Override
        public String host() {
            return "node1";
        }

        @Override
        public ExecResult run(Command command, byte[] stdin, Duration timeout) {
            commands.add(command);
            if (command.argv().size() > 3 && command.argv().get(3).equals("aistorctl-drive-probe")) {
                CaptureBundle b = probes.size() > 1 ? probes.poll() : probes.peek();
                return new ExecResult(0, CaptureStream.write(b), new byte[0], Duration.ZERO);
            }
            return otherwise;
        }

        @Override
        public void put(byte[] content, String remotePath, int mode) {
        }

        @Override
        public byte[] get(String remotePath) {
            return new byte[0];
        }

        @Override
        public void close() {
        }

        List<String> programs() {
            return commands.stream().map(c -> c.argv().size() > 3 && c.argv().get(0).equals("sh") ? c.argv().get(3)
                    : c.argv().get(0)).toList();
        }
    }

    static StepContext context(Inventory inventory, Host host) {
        InventoryHost h = inventory.hosts().get(0);
        return new StepContext() {
            @Override
            public InventoryHost inventoryHost() {
                return h;
            }

            @Override
            public Inventory inventory() {
                return inventory;
            }

            @Override
            public String runId() {
                return "test";
            }

            @Override
            public Connector connector() {
                return host;
            }

            @Override
            public HostFacts facts() {
                throw new UnsupportedOperationException("the drive steps read the drive probe, not the facts");
            }

            @Override
            public ExecResult runChecked(Command command, String action) {
                return runChecked(command, action, Duration.ofMinutes(1));
            }

            @Override
            public ExecResult runChecked(Command command, String action, Duration timeout) {
                ExecResult r = host.run(command, timeout);
                if (!r.ok()) {
                    throw new RemoteException("node1", action, "exit " + r.exitCode());
                }
                return r;
            }

            @Override
            public String secret(SecretRef ref) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void note(String message) {
            }
        };
    }

    /** {@code blank} with every data drive relabelled as this cluster's drive N: the host after its formats. */
    static CaptureBundle converged(CaptureBundle blank) {
        StringBuilder sig = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sig.append("@device loop4").append(i).append(" 0\n{\"signatures\": [{\"device\": \"loop4").append(i)
                    .append("\", \"offset\": \"0x0\", \"type\": \"xfs\", \"uuid\": \"u").append(i).append("\", \"label\": \"")
                    .append(dev.aistorctl.storagenode.drives.DriveLabel.of(CLUSTER, i + 1)).append("\", \"usage\": \"filesystem\"}]}\n");
        }
        String system = blank.text("signatures.txt").orElseThrow();
        sig.append(system.substring(system.indexOf("@device loop44")));
        return with(blank, "signatures.txt", sig.toString());
    }

    static UnaryOperator<String> swapBackingFile(String device, String file) {
        return text -> text.lines().map(l -> l.startsWith(device + "\t") ? l + "\t" + file : l)
                .reduce("", (a, b) -> a + b + "\n");
    }
}
