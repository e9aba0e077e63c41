package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureStream;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.playbooks.ScriptedConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The lab's recorded captures (storage-node's test resources: four 2 GiB loop data drives and an ext4
 * system disk at /srv/system), an inventory of that lab host, and a host that answers the drive probe with
 * captures given in order.
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

    /**
     * A host that answers each drive probe with the next capture (the last one again once they run out), and
     * nothing else unless the test scripts it.
     */
    static ScriptedConnector host(CaptureBundle... probes) {
        Deque<CaptureBundle> left = new ArrayDeque<>(List.of(probes));
        return new ScriptedConnector("node1").answerProgram("aistorctl-drive-probe",
                probe -> ScriptedConnector.result(0, CaptureStream.write(left.size() > 1 ? left.poll() : left.peek()), ""));
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
