package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One arm64 VM lab host (emulated on an x86_64 controller) through the CLI: an aarch64 kernel
 * with its NVMe drives, the lab's arm64 hardware profile, and the drive plan. Short on purpose:
 * under emulation the guest alone takes minutes to boot.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmArm64IT {
    private static final String NAME = "armit";
    private static final String HOST = NAME + "-node1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path inventory;

    @BeforeAll
    static void up() throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        CliRun.of("lab", "down", "--name", NAME);
        CliRun up = CliRun.of("lab", "up", "--name", NAME, "--kind", "vm", "--arch", "arm64", "--hosts", "1", "--drives", "2");
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        JsonNode status = JSON.readTree(CliRun.of("lab", "status", "--name", NAME, "-o", "json").out());
        inventory = Path.of(status.get("inventory").asText());
        assertThat(Files.readString(inventory)).contains("hardware_profile: lab-vm-arm64");
    }

    @AfterAll
    static void down() {
        CliRun.of("lab", "down", "--name", NAME);
    }

    @Test
    @Order(1)
    void factsShowAnAarch64KernelItsNvmeDrivesAndNoInventedSmbios() throws IOException {
        CliRun run = CliRun.of("facts", "-i", inventory.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode facts = JSON.readTree(run.out()).get("hosts").get(0).get("facts");
        assertThat(facts.get("cpu").get("architecture").asText()).isEqualTo("aarch64");
        List<String> serials = facts.get("nvme").findValuesAsText("serial");
        assertThat(serials).containsExactlyInAnyOrder("ARMITN1D1", "ARMITN1D2");
        for (JsonNode drive : facts.get("nvme")) {
            assertThat(drive.get("model").asText()).isEqualTo("QEMU NVMe Ctrl");
            assertThat(drive.get("size_bytes").asLong()).isEqualTo(2L << 30);
        }
        JsonNode vendor = facts.path("system").path("manufacturer");
        assertThat(vendor.isNull() || vendor.isMissingNode())
                .as("no SMBIOS on virt without firmware: the vendor is unknown, not invented: " + facts.path("system")).isTrue();
        assertThat(facts.path("memory").path("dimms").size()).as("no DIMMs without SMBIOS").isZero();
    }

    @Test
    @Order(2)
    void verifyHardwarePassesTheArm64LabProfile() {
        CliRun run = CliRun.of("verify-hardware", "-i", inventory.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("profile lab-vm-arm64", "1 hosts: 1 pass");
    }

    @Test
    @Order(3)
    void theDrivePlanSelectsBothNvmeDrivesAndDeniesTheSystemDisk() throws IOException {
        CliRun run = CliRun.of("drives", "-i", inventory.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode host = JSON.readTree(run.out()).get("hosts").get(0);
        assertThat(host.get("host").asText()).isEqualTo(HOST);
        assertThat(host.get("ok").asBoolean()).isTrue();
        assertThat(host.get("selected").asInt()).isEqualTo(2);
        for (JsonNode d : host.get("devices")) {
            if (d.get("path").asText().startsWith("/dev/vda")) {
                assertThat(d.get("selected").asBoolean()).as(d.toString()).isFalse();
            } else if (d.get("selected").asBoolean()) {
                assertThat(d.get("path").asText()).startsWith("/dev/nvme");
            }
        }
    }
}
