package dev.aistorctl.workflows.inventory.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InvalidInventoryException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.inventory.Transport;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DriveDiscovery;
import dev.aistorctl.storagenode.drives.HostDrives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inventory init on captured hosts, replayed through the real gather path: emulated NVMe VMs with a
 * virtio system disk (qemu-vm-lowered-link: four blank NVMe drives; qemu-vm-foreign-drives: NVMe drives
 * holding LVM, md, swap and a partition table; qemu-x86-nvme: a data disk mounted at /srv/data) and a
 * Firecracker guest with no data drive at all.
 */
class InventoryInitTest {
    private static final Path FIXTURES = Path.of(System.getProperty("aistorctl.fixtures", "../fixtures")).toAbsolutePath();
    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");
    private static final String SHA = "3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";

    @TempDir
    Path dir;

    private static CaptureBundle capture(String name) {
        return CaptureBundle.read(FIXTURES.resolve("emulated").resolve(name));
    }

    /** Each host replays the named capture; a host mapped to null does not answer. */
    private InitResult init(Map<String, String> hosts, boolean force) {
        return init(hosts, force, Optional.empty());
    }

    private InitResult init(Map<String, String> hosts, boolean force, Optional<String> jumpHost) {
        InitRequest request = new InitRequest(List.copyOf(hosts.keySet()), "root", Optional.of(dir.resolve("id_ed25519")),
                Optional.of(dir.resolve("known_hosts")), jumpHost, false, 4, dir.resolve("inventory.yaml"), force);
        return InventoryInit.run(request, host -> {
            String fixture = hosts.get(host);
            if (fixture == null) {
                throw new RemoteException(host, "connect", "connect timed out after 10s");
            }
            return new ReplayingConnector(host, capture(fixture));
        }, FanoutListener.NONE, NOW);
    }

    private static Map<String, String> ordered(String... hostAndFixture) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hostAndFixture.length; i += 2) {
            m.put(hostAndFixture[i], hostAndFixture[i + 1]);
        }
        return m;
    }

    /** What a person writes over the TODOs of the node section and the cluster's name. */
    private Path filled(String text) throws IOException {
        Path file = dir.resolve("filled.yaml");
        Files.writeString(file, text.replace("name: TODO", "name: dc1")
                .replace("binary: TODO", "binary: {path: minio, sha256: " + SHA + "}")
                .replace("root_user: TODO", "root_user: admin")
                .replace("root_password: TODO", "root_password: {env: AISTOR_ROOT_PASSWORD}"));
        return file;
    }

    @Test
    void hostsWithDifferentHardwareBecomeOnePoolEachWithARuleForTheirDrives() throws IOException {
        InitResult r = init(ordered("node1", "qemu-vm-lowered-link", "node2", "qemu-vm-lowered-link",
                "node3", "qemu-vm-foreign-drives"), false);

        assertThat(r.groups()).extracting(HardwareGroup::names).containsExactly(List.of("node1", "node2"), List.of("node3"));
        String text = r.text().orElseThrow();
        assertThat(text).contains("""
                  - name: pool1
                    hosts: "node{1...2}"
                    drives:
                      count: 4
                      select: {transport: nvme, model: "QEMU NVMe Ctrl", min_size: 2.14GB}
                      mount: "/mnt/drive{1...4}"
                """);
        assertThat(text).contains("  - name: pool2\n    hosts: node3\n    drives:\n      count: 3\n");
        assertThat(text).contains("# Erasure layout: 1 set of 8 drives, EC:4; usable 8.56 GB of 17.12 GB raw (50 %)");

        Inventory inventory = InventoryLoader.load(filled(text));
        assertThat(inventory.pools()).extracting(Pool::name).containsExactly("pool1", "pool2");
        Pool pool1 = inventory.pools().get(0);
        assertThat(pool1.hosts()).containsExactly("node1", "node2");
        assertThat(pool1.drives().select().transport()).isEqualTo(Transport.NVME);
        assertThat(pool1.drives().select().model()).contains("QEMU NVMe Ctrl");
        assertThat(pool1.layout().setSize()).isEqualTo(8);
        assertThat(pool1.usableBytes()).contains(8_560_000_000L);
        assertThat(inventory.ssh().identityFile()).contains(dir.resolve("id_ed25519").toAbsolutePath());
    }

    @Test
    void theRuleTakesEveryDataDriveAndNeverTheSystemDiskWhenTheDriveGuardAppliesIt() throws IOException {
        InitResult r = init(ordered("node1", "qemu-vm-lowered-link"), false);
        Inventory inventory = InventoryLoader.load(filled(r.text().orElseThrow()));
        InventoryHost host = inventory.hosts().get(0);

        HostDrives drives = DriveDiscovery.discover("node1", capture("qemu-vm-lowered-link"), Optional.of(host.pool()),
                Optional.of(host.drives()), Optional.of("dc1"));

        assertThat(drives.ok()).as(drives.problem()).isTrue();
        assertThat(drives.selectedDrives()).extracting(c -> c.drive().name())
                .containsExactlyInAnyOrder("nvme0n1", "nvme1n1", "nvme2n1", "nvme3n1");
        assertThat(drives.devices()).filteredOn(c -> c.drive().name().equals("vda"))
                .singleElement().extracting(DriveCandidate::selected).isEqualTo(false);
        assertThat(r.text().orElseThrow()).contains("#   node1: vda: system disk: holds /boot (through /dev/vda1)");
    }

    @Test
    void aDiskInUseIsSetAsideAndDrivesOfOneModelInSeveralSizesAreOneKindFromTheSmallest() {
        InitResult r = init(ordered("db1", "qemu-x86-nvme"), false);
        HostSurvey s = r.surveys().get(0);

        assertThat(s.setAside()).anySatisfy(n -> assertThat(n).startsWith("vda: system disk: holds /"))
                .anySatisfy(n -> assertThat(n).isEqualTo("nvme1n1: mounted at /srv/data"))
                .anySatisfy(n -> assertThat(n).startsWith("sr0: not a drive: optical drive"));
        assertThat(s.drives().values()).singleElement().asList().containsExactlyInAnyOrder("nvme0n1", "nvme2n1", "nvme3n1");
        assertThat(r.text().orElseThrow()).contains("select: {transport: nvme, model: \"QEMU NVMe Ctrl\", min_size: 4.29GB}")
                .contains("# The drives differ in size (nvme \"QEMU NVMe Ctrl\" 4.29 GB to 17.17 GB)");
    }

    @Test
    void everyTodoIsAProblemAtItsOwnLineAndColumnUntilFilledIn() throws IOException {
        InitResult r = init(ordered("node1", "qemu-vm-lowered-link", "fc1", "firecracker-host"), false);
        Path written = r.written().orElseThrow();

        assertThat(r.todos()).extracting(TodoMark::key).containsExactly("cluster.name", "node.binary", "node.root_user",
                "node.root_password", "pools[1].drives.count");
        InvalidInventoryException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInventoryException.class,
                () -> InventoryLoader.load(written));
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column())
                .containsExactlyElementsOf(r.todos().stream().map(t -> t.line() + ":" + t.column()).toList());
        List<String> lines = Files.readAllLines(written);
        for (Problem p : e.problems()) {
            assertThat(lines.get(p.line() - 1).substring(p.column() - 1)).isEqualTo("TODO");
        }
        assertThat(e.problems().get(4).hint()).startsWith("no data drive found on these hosts");

        // the node section and name filled in, the drive-less pool still stops the load
        Path half = filled(Files.readString(written));
        InvalidInventoryException still = org.junit.jupiter.api.Assertions.assertThrows(InvalidInventoryException.class,
                () -> InventoryLoader.load(half));
        assertThat(still.problems()).singleElement().extracting(Problem::message)
                .isEqualTo("pools[1].drives.count is still TODO: a choice left for you (inventory init and import mark them)");
    }

    @Test
    void anUnreachableHostIsNamedWithItsReasonAndLeftOut() throws IOException {
        InitResult r = init(ordered("node1", "qemu-vm-lowered-link", "node2", null), false);

        assertThat(r.unreachable()).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo("node2");
            assertThat(s.error()).isEqualTo("connect: connect timed out after 10s");
        });
        String text = r.text().orElseThrow();
        assertThat(text).contains("#   node2: connect: connect timed out after 10s").contains("hosts: node1\n");
        assertThat(InventoryLoader.load(filled(text)).hosts()).extracting(InventoryHost::name).containsExactly("node1");
    }

    /** The bastion the hosts were reached through is the inventory's, so every later command goes the same way. */
    @Test
    void theJumpHostGivenIsWrittenForEveryHost() throws IOException {
        InitResult r = init(ordered("node1", "qemu-vm-lowered-link", "node2", "qemu-vm-lowered-link"), false,
                Optional.of("admin@bastion.dc1.example.net:2201"));

        String text = r.text().orElseThrow();
        assertThat(text).contains("\n  jump_host: admin@bastion.dc1.example.net:2201\n");
        Inventory inventory = InventoryLoader.load(filled(text));
        for (InventoryHost h : inventory.hosts()) {
            assertThat(inventory.sshFor(h).jumps()).extracting(Object::toString).containsExactly("admin@bastion.dc1.example.net:2201");
        }
    }

    @Test
    void nothingIsWrittenWhenNoHostAnswers() {
        InitResult r = init(ordered("node1", null), false);
        assertThat(r.written()).isEmpty();
        assertThat(dir.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws IOException {
        Files.writeString(dir.resolve("inventory.yaml"), "mine\n");
        assertThatThrownBy(() -> init(ordered("node1", "qemu-vm-lowered-link"), false))
                .isInstanceOf(UsageException.class).hasMessageContaining("exists").hasMessageContaining("--force");
        assertThat(dir.resolve("inventory.yaml")).hasContent("mine");

        init(ordered("node1", "qemu-vm-lowered-link"), true);
        assertThat(Files.readString(dir.resolve("inventory.yaml"))).startsWith("# Written by aistorctl inventory init");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".inventory.yaml.tmp").allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    @Test
    void theProfileThatFitsIsChosenAndNoneFittingIsSaid() {
        String lab = init(ordered("node1", "qemu-vm-lowered-link", "node2", "qemu-vm-lowered-link"), false).text().orElseThrow();
        String mixed = init(ordered("node1", "qemu-vm-lowered-link", "fc1", "firecracker-host"), true).text().orElseThrow();

        assertThat(lab).containsPattern("\n  hardware_profile: lab(-vm)?\n");
        assertThat(mixed).doesNotContain("\n  hardware_profile:")
                .contains("# No built-in hardware profile fits these hosts; verify-hardware would fail them:")
                .contains("#   ampere-altra-m128: node1: cpu.architecture:");
    }
}
