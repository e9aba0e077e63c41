package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drives on saved captures: the emulated NVMe bundle, and a recorded lab capture replayed against an inventory. */
class DrivesCommandTest {
    private static final Path FIXTURES = Path.of(System.getProperty("aistorctl.fixtures", "../fixtures")).toAbsolutePath();
    private static final Path QEMU = FIXTURES.resolve("emulated/qemu-x86-nvme");
    private static final Path LAB_CAPTURE = Path.of(System.getProperty("aistorctl.root", ".."))
            .resolve("storage-node/src/test/resources/lsblk/lab-formatted").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCaptureWithoutInventoryListsDevicesAndSelectsNothing() throws IOException {
        CliRun run = CliRun.of("drives", "--from-capture", QEMU.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode host = JSON.readTree(run.out()).get("hosts").get(0);
        assertThat(host.get("required").isNull()).isTrue();
        assertThat(host.get("devices").findValuesAsText("name")).contains("vda", "nvme0n1", "nvme1n1", "sr0");
        assertThat(host.get("devices").findValues("selected")).allSatisfy(s -> assertThat(s.asBoolean()).isFalse());
    }

    @Test
    void theTableMarksNothingSelectedAndNamesReasons() {
        CliRun run = CliRun.of("drives", "--from-capture", QEMU.toString(), "--no-color");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("DEVICE", "SERIAL", "STATE/REASONS", "\u2192 MOUNT",
                "/dev/nvme1n1", "MICRON7500-0001", "mounted at /srv/data", "system disk: holds /");
    }

    @Test
    void aCaptureReplayedAgainstItsInventoryAppliesThePoolRule(@TempDir Path dir) throws IOException {
        Path host = Files.createDirectories(dir.resolve("captures/drfix-node1"));
        try (Stream<Path> files = Files.list(LAB_CAPTURE)) {
            for (Path f : files.toList()) {
                Files.copy(f, host.resolve(f.getFileName().toString()));
            }
        }
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"), """
                version: 1
                cluster: {name: drfix, hardware_profile: lab}
                ssh: {user: root, port: 22, become: none}
                node: {flavour: s3proxy, api_port: 9000, console_port: 9001, root_user: admin, root_password: {env: X}}
                pools:
                  - name: pool1
                    hosts: drfix-node{1...1}
                    drives:
                      count: 4
                      select: {transport: any, min_size: 1984MiB, max_size: 2GiB}
                      mount: /mnt/drive{1...4}
                """);

        CliRun run = CliRun.of("drives", "-i", inventory.toString(), "--from-capture", dir.resolve("captures").toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("failed_hosts").get(0).asText()).isEqualTo("drfix-node1");
        JsonNode h = report.get("hosts").get(0);
        assertThat(h.get("problem").asText()).startsWith("needs 4 data drives, found 1 usable");
        JsonNode prepared = h.get("devices").get(2);
        assertThat(prepared.get("path").asText()).isEqualTo("/dev/loop42");
        assertThat(prepared.get("state").asText()).isEqualTo("prepared");
        assertThat(prepared.get("mount_point").asText()).isEqualTo("/mnt/drive2");
    }

    @Test
    void withoutASourceItIsAUsageError() {
        CliRun run = CliRun.of("drives");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-i INVENTORY", "--from-capture");
    }
}
