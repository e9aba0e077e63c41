package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** facts and verify-hardware on saved captures and on this machine (the SSH path runs against lab hosts). */
class HardwareCommandsTest {
    private static final Path FIXTURES = Path.of(System.getProperty("aistorctl.fixtures", "../fixtures")).toAbsolutePath();
    private static final Path QEMU = FIXTURES.resolve("emulated/qemu-x86-nvme");

    @Test
    void factsFromOneBundleUseTheContractNames() throws IOException {
        CliRun run = CliRun.of("facts", "--from-capture", QEMU.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode host = new ObjectMapper().readTree(run.out()).get("hosts").get(0);
        assertThat(host.get("host").asText()).isEqualTo("qemu-x86-nvme");
        assertThat(host.get("reachable").asBoolean()).isTrue();
        JsonNode facts = host.get("facts");
        assertThat(facts.get("nvme")).hasSize(4);
        assertThat(facts.get("nvme").findValuesAsText("serial")).contains("MICRON7500-0000", "MICRON7500-0003");
        assertThat(facts.get("nics").findValuesAsText("name")).contains("enp0s2");
        assertThat(facts.get("cpu").has("cores_per_socket")).isTrue();
        assertThat(facts.get("memory").get("total_bytes").asLong()).isPositive();
        assertThat(facts.get("cpufreq").get("governors").isNull() || facts.get("cpufreq").get("governors").isEmpty()).isTrue();
    }

    @Test
    void factsFromADirectoryOfBundlesNameHostsAfterSubdirectories() throws IOException {
        CliRun run = CliRun.of("facts", "--from-capture", FIXTURES.resolve("emulated").toString(), "-o", "json");
        JsonNode hosts = new ObjectMapper().readTree(run.out()).get("hosts");
        assertThat(hosts.findValuesAsText("host")).containsExactlyInAnyOrder("qemu-x86-nvme", "firecracker-host", "qemu-vm-lowered-link", "nspawn-debian12",
                "qemu-vm-foreign-drives", "qemu-vm-arm64");
    }

    @Test
    void aBundleOfTwoSourcesStillGivesFacts(@TempDir Path dir) throws IOException {
        Path bundle = Files.createDirectory(dir.resolve("altra"));
        Files.copy(FIXTURES.resolve("real/lscpu/altra-q80-30-2s-mtjade-fdio-csit.txt"), bundle.resolve("lscpu.txt"));
        Files.copy(FIXTURES.resolve("real/dmidecode/altra-mtjade-dmidecode-memory.txt"), bundle.resolve("dmidecode-memory.txt"));

        CliRun run = CliRun.of("facts", "--from-capture", bundle.toString(), "-o", "json");

        JsonNode facts = new ObjectMapper().readTree(run.out()).get("hosts").get(0).get("facts");
        assertThat(facts.get("cpu").get("architecture").asText()).isEqualTo("aarch64");
        assertThat(facts.get("cpu").get("cores").asInt()).isEqualTo(160);
        assertThat(facts.get("memory").get("dimms")).hasSize(16);
        assertThat(facts.get("nvme").isNull()).isTrue();
    }

    @Test
    void verifyHardwareFailsTheEmulatedHostAgainstTheReferenceNamingDevices() throws IOException {
        CliRun run = CliRun.of("verify-hardware", "--from-capture", QEMU.toString(), "-o", "json");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("summary").get("fail").asInt()).isEqualTo(1);
        JsonNode findings = report.get("hosts").get(0).get("findings");
        assertThat(findings.findValuesAsText("rule")).contains("cpu.cores", "nvme.count", "os.release");
        assertThat(findings.findValuesAsText("device")).contains("MICRON7500-0001", "0000:00:03.0");
    }

    @Test
    void theVmLabProfileFailsOnlyTheLoweredLinkNamingThePortExpectedAndActual() throws IOException {
        CliRun run = CliRun.of("verify-hardware", "--from-capture", FIXTURES.resolve("emulated/qemu-vm-lowered-link").toString(),
                "--profile", "lab-vm", "-o", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("summary").get("fail").asInt()).isEqualTo(1);
        List<JsonNode> failed = new java.util.ArrayList<>();
        report.get("hosts").get(0).get("findings").forEach(f -> {
            if (!List.of("PASS", "SKIP").contains(f.get("severity").asText())) {
                failed.add(f);
            }
        });
        assertThat(failed).hasSize(1);
        JsonNode lowered = failed.get(0);
        assertThat(lowered.get("rule").asText()).isEqualTo("pcie.port_downgraded");
        assertThat(lowered.get("device").asText()).isEqualTo("0000:00:04.0");
        assertThat(lowered.get("expected").asText()).isEqualTo("16 GT/s (Gen4) x4");
        assertThat(lowered.get("actual").asText()).isEqualTo("2.5 GT/s (Gen1) x1");
    }

    @Test
    void theArm64VmLabHostPassesItsProfileWithoutSmbios() throws IOException {
        CliRun run = CliRun.of("verify-hardware", "--from-capture", FIXTURES.resolve("emulated/qemu-vm-arm64").toString(),
                "--profile", "lab-vm-arm64", "-o", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("summary").get("pass").asInt()).isEqualTo(1);
        List<String> severities = new java.util.ArrayList<>();
        report.get("hosts").get(0).get("findings").forEach(f -> severities.add(f.get("rule").asText() + " " + f.get("severity").asText()));
        assertThat(severities).contains("cpu.architecture PASS", "nvme.count PASS", "nvme.pcie_link PASS", "nic.speed PASS",
                "pcie.port_downgraded PASS");
        assertThat(severities).filteredOn(f -> !f.endsWith(" PASS")).as("no cpufreq under emulation")
                .containsExactly("cpufreq.governor SKIP");
    }

    @Test
    void verifyHardwareTableShowsFailuresInFull() {
        CliRun run = CliRun.of("verify-hardware", "--from-capture", QEMU.toString(), "--no-color");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("HOST", "STATUS", "qemu-x86-nvme", "FAIL  nvme.count", "hint:");
    }

    @Test
    void thisMachinePassesTheLabProfile() {
        CliRun run = CliRun.of("verify-hardware", "--local", "--profile", "lab");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void anInvalidProfileIsExitFour(@TempDir Path dir) throws IOException {
        Path profile = Files.writeString(dir.resolve("p.yaml"), "version: 1\ncpu:\n  cores: {equalz: 4}\n");
        CliRun run = CliRun.of("verify-hardware", "--from-capture", QEMU.toString(), "--profile", profile.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("p.yaml:3");
    }

    @Test
    void exactlyOneSourceOfFacts() {
        CliRun run = CliRun.of("facts", "--local", "--from-capture", QEMU.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("exactly one source");
    }

    @Test
    void localFactsCanBeSavedAndReplayed(@TempDir Path dir) throws IOException {
        CliRun local = CliRun.of("facts", "--local", "--save-capture", dir.toString(), "-o", "json");
        assertThat(local.exitCode()).as(local.err()).isZero();
        CliRun replay = CliRun.of("facts", "--from-capture", dir.toString(), "-o", "json");
        JsonNode live = new ObjectMapper().readTree(local.out()).get("hosts").get(0).get("facts");
        JsonNode saved = new ObjectMapper().readTree(replay.out()).get("hosts").get(0).get("facts");
        assertThat(saved.get("cpu").get("threads")).isEqualTo(live.get("cpu").get("threads"));
        assertThat(saved.get("os").get("pretty_name")).isEqualTo(live.get("os").get("pretty_name"));
    }
}
