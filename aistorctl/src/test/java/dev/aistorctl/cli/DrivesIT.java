package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;

/** drives against real lab hosts: loop data drives, an ext4 system disk mounted from fstab, real mkfs. */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrivesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("drit", 2, 4);

    @Test
    @Order(1)
    void everyDataDriveIsEligibleAndSelectedAndTheSystemDiskIsDenied() throws IOException {
        CliRun run = CliRun.of("drives", "-i", lab.inventory().toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("cluster").asText()).isEqualTo("drit");
        assertThat(report.get("failed_hosts")).isEmpty();
        JsonNode hosts = report.get("hosts");
        assertThat(hosts.findValuesAsText("host")).containsExactly("drit-node1", "drit-node2");
        for (int i = 0; i < 2; i++) {
            LabHost labHost = lab.state().hosts().get(i);
            JsonNode host = hosts.get(i);
            assertThat(host.get("ok").asBoolean()).isTrue();
            assertThat(host.get("required").asInt()).isEqualTo(4);
            assertThat(host.get("selected").asInt()).isEqualTo(4);
            List<String> selected = new ArrayList<>();
            for (JsonNode d : host.get("devices")) {
                if (d.get("selected").asBoolean()) {
                    assertThat(d.get("state").asText()).isEqualTo("eligible");
                    assertThat(d.get("deny_reasons")).isEmpty();
                    assertThat(d.get("size_bytes").asLong()).isEqualTo(2L << 30);
                    assertThat(d.get("fingerprint").asText()).matches("[0-9a-f]{16}");
                    selected.add(d.get("path").asText() + " " + d.get("mount_point").asText());
                }
            }
            List<String> expected = new ArrayList<>();
            List<LabDrive> data = labHost.dataDrives();
            for (int k = 0; k < data.size(); k++) {
                expected.add(data.get(k).device() + " /mnt/drive" + (k + 1));
            }
            assertThat(selected).as("data drives in device order to /mnt/drive1..4").isEqualTo(expected);

            JsonNode system = device(host, systemDisk(labHost));
            assertThat(system.get("selected").asBoolean()).isFalse();
            assertThat(system.get("state").asText()).isEqualTo("denied");
            assertThat(reasons(system, "code")).contains("mounted", "foreign_filesystem");
            assertThat(reasons(system, "message")).contains("mounted at /srv/system", "foreign ext4 filesystem labelled system");
        }
    }

    @Test
    @Order(2)
    void aDriveFormattedWithForeignExt4IsDeniedAndTheHostIsShortOfDrives(@TempDir Path dir) throws IOException {
        LabHost node2 = lab.state().hosts().get(1);
        String victim = node2.dataDrives().get(2).device();
        CliRun before = CliRun.of("drives", "-i", lab.inventory().toString(), "--limit", "drit-node2", "-o", "json");
        String fingerprintBefore = device(JSON.readTree(before.out()).get("hosts").get(0), victim).get("fingerprint").asText();

        ssh(node2, "mkfs.ext4 -q -F -L scratch " + victim);

        CliRun run = CliRun.of("drives", "-i", lab.inventory().toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("failed_hosts")).hasSize(1);
        assertThat(report.get("failed_hosts").get(0).asText()).isEqualTo("drit-node2");
        JsonNode host = report.get("hosts").get(1);
        JsonNode formatted = device(host, victim);
        assertThat(formatted.get("state").asText()).isEqualTo("denied");
        assertThat(reasons(formatted, "message")).containsExactly("foreign ext4 filesystem labelled scratch");
        assertThat(formatted.get("fingerprint").asText()).as("a filesystem made since changes the fingerprint")
                .isNotEqualTo(fingerprintBefore);
        assertThat(host.get("ok").asBoolean()).isFalse();
        assertThat(host.get("selected").asInt()).isEqualTo(3);
        assertThat(host.get("problem").asText()).startsWith("needs 4 data drives, found 3 usable: ")
                .contains(victim + " denied: foreign ext4 filesystem labelled scratch");
        assertThat(report.get("hosts").get(0).get("ok").asBoolean()).as("the other host is unaffected").isTrue();

        CliRun table = CliRun.of("drives", "-i", lab.inventory().toString());
        assertThat(table.exitCode()).isEqualTo(1);
        assertThat(table.out()).contains("drit-node2: needs 4 data drives, found 3 usable", victim,
                "denied: foreign ext4 filesystem labelled scratch", "/mnt/drive4");

        // the same answer from a saved capture replayed against the inventory
        Path captures = dir.resolve("captures");
        CliRun save = CliRun.of("facts", "-i", lab.inventory().toString(), "--save-capture", captures.toString());
        assertThat(save.exitCode()).as(save.err()).isZero();
        CliRun replay = CliRun.of("drives", "-i", lab.inventory().toString(), "--from-capture", captures.toString(), "-o", "json");
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(replay.out())).isEqualTo(report);
    }

    @Test
    @Order(3)
    void aDriveWhosePartitionTableWasWipedButWhoseFilesystemRemainsIsDenied() throws IOException {
        LabHost node1 = lab.state().hosts().get(0);
        String victim = node1.dataDrives().get(3).device();
        // a partition's ext4 at 1 MiB, with no partition table in front of it: what wipefs -a of the table leaves
        ssh(node1, "mkfs.ext4 -q -F -L olddata -E offset=1048576 " + victim + " 1G && wipefs --no-act " + victim
                + " | grep -c . | grep -qx 0");

        CliRun run = CliRun.of("drives", "-i", lab.inventory().toString(), "--limit", "drit-node1", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode zapped = device(JSON.readTree(run.out()).get("hosts").get(0), victim);
        assertThat(zapped.get("state").asText()).isEqualTo("denied");
        assertThat(reasons(zapped, "message")).containsExactly("foreign ext4 filesystem labelled olddata at 1 MiB, where a"
                + " partition started (the partition table is gone, the filesystem is not)");
        assertThat(zapped.get("signatures").get(0).get("partition_start").asLong()).isEqualTo(1048576L);
    }

    private static String systemDisk(LabHost host) {
        return host.drives().stream().filter(d -> d.mountPoint() != null).findFirst().orElseThrow().device();
    }

    private static JsonNode device(JsonNode host, String path) {
        for (JsonNode d : host.get("devices")) {
            if (d.get("path").asText().equals(path)) {
                return d;
            }
        }
        throw new AssertionError("no device " + path + " on " + host.get("host"));
    }

    private static List<String> reasons(JsonNode device, String field) {
        List<String> out = new ArrayList<>();
        device.get("deny_reasons").forEach(r -> out.add(r.get(field).asText()));
        return out;
    }

    private static void ssh(LabHost host, String script) {
        SshSettings settings = SshSettings.builder(host.name(), lab.state().clientKey(), lab.state().knownHosts())
                .address(host.address()).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            ExecResult r = connector.run(Command.script(script), Duration.ofMinutes(1));
            assertThat(r.exitCode()).as(host.name() + ": " + script + "\n" + r.stderrText()).isZero();
        }
    }
}
