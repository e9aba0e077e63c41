package dev.aistorctl.facts.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactsJsonTest {

    private static HostFacts sample() {
        CpuFacts cpu = new CpuFacts("aarch64", "ARM", "Neoverse-N1", 1, 128, 128, 128, 3000.0, 1000.0, 1, 1,
                "Neoverse-N1", "Ampere(R)", "Ampere(R) Altra(R) Max Processor", List.of("fp", "asimd"));
        MemoryFacts memory = new MemoryFacts(540_000_000_000L, null,
                List.of(new Dimm("DIMM0", null, 34_359_738_368L, "DDR4", "Registered (Buffered)", 3200, 3200,
                        "Samsung", "M393A4K40DB3-CWE", null, 2)),
                34_359_738_368L, 16);
        NvmeDrive drive = new NvmeDrive("/dev/nvme0n1", "nvme0", "Micron_7500_MTFDKCC15T3TGP", "S1", "E3MQ001",
                15_360_950_534_144L, 4096, "0000:01:00.0", new NvmeHealth(0, 1, 0L, 100, 35, 10L, 2L, 0L));
        PciDevice pci = new PciDevice("0000:01:00.0", "010802", "Non-Volatile memory controller", "nvme",
                PciLink.of(16.0, 4, 16.0, 4));
        Nic nic = new Nic("enp1s0f0np0", 200_000L, 9000, "mlx5_core", "0000:02:00.0", "aa:bb:cc:dd:ee:ff", "UP",
                null, null, true);
        OsFacts os = new OsFacts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "5.15.0-122-generic", "node1", "aarch64");
        CpuFreqFacts freq = new CpuFreqFacts("cppc_cpufreq", List.of("performance"),
                List.of("performance", "schedutil"), 128, null, null);
        SourceReport sources = new SourceReport(List.of("lscpu.txt"), List.of("ethtool"),
                List.of(new SourceReport.FailedSource("nvme-list.json", "nvme list -o json", 127,
                        "sh: nvme: not found", true)));
        return new HostFacts(cpu, memory, List.of(drive), List.of(pci), List.of(nic), os, freq, List.of(), sources);
    }

    @Test
    void everyFieldIsNamedInSnakeCaseByItsRecord() throws Exception {
        // The shared mapper has no naming strategy: a record component without @JsonProperty would show here.
        List<String> names = new java.util.ArrayList<>();
        collectFieldNames(FactsJson.mapper().readTree(FactsJson.write(sample())), names);

        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).matches("[a-z0-9_]+"));
    }

    private static void collectFieldNames(JsonNode node, List<String> out) {
        for (var e : node.properties()) {
            out.add(e.getKey());
            collectFieldNames(e.getValue(), out);
        }
        if (node.isArray()) {
            node.forEach(n -> collectFieldNames(n, out));
        }
    }

    @Test
    void writesTheContractNamesInSnakeCase() throws Exception {
        JsonNode json = FactsJson.mapper().readTree(FactsJson.write(sample()));

        assertThat(json.path("cpu").path("model_name").asText()).isEqualTo("Neoverse-N1");
        assertThat(json.path("cpu").path("cores_per_socket").asInt()).isEqualTo(128);
        assertThat(json.path("cpu").path("max_mhz").asDouble()).isEqualTo(3000.0);
        assertThat(json.path("memory").path("total_bytes").asLong()).isEqualTo(540_000_000_000L);
        assertThat(json.path("memory").path("dimm_total_bytes").asLong()).isEqualTo(34_359_738_368L);
        assertThat(json.path("memory").path("dimms").get(0).path("speed_mts").asInt()).isEqualTo(3200);
        assertThat(json.path("nvme").get(0).path("pci_address").asText()).isEqualTo("0000:01:00.0");
        assertThat(json.path("nvme").get(0).path("health").path("critical_warning").asInt()).isZero();
        assertThat(json.path("nvme").get(0).path("health").path("percentage_used").asInt()).isEqualTo(1);
        assertThat(json.path("pci").get(0).path("link").path("max_speed_gts").asDouble()).isEqualTo(16.0);
        assertThat(json.path("pci").get(0).path("link").path("downgraded").asBoolean()).isFalse();
        assertThat(json.path("nics").get(0).path("speed_mbps").asLong()).isEqualTo(200_000L);
        assertThat(json.path("os").path("version_id").asText()).isEqualTo("22.04");
        assertThat(json.path("cpufreq").path("available_governors")).hasSize(2);
        assertThat(json.path("sources").path("failed").get(0).path("exit_code").asInt()).isEqualTo(127);
    }

    @Test
    void keepsUnknownValuesAsExplicitNulls() throws Exception {
        HostFacts empty = new HostFacts(null, null, null, null, null, null, null, null,
                new SourceReport(List.of(), List.of(), List.of()));
        JsonNode json = FactsJson.mapper().readTree(FactsJson.write(empty));

        assertThat(json.has("cpu")).isTrue();
        assertThat(json.get("cpu").isNull()).isTrue();
        assertThat(json.get("nvme").isNull()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() {
        HostFacts facts = sample();
        assertThat(FactsJson.readHostFacts(FactsJson.write(facts))).isEqualTo(facts);
    }

    @Test
    void linkBelowItsCapabilityIsDowngraded() {
        assertThat(PciLink.of(2.5, 1, 16.0, 4).downgraded()).isTrue();
        assertThat(PciLink.of(16.0, 2, 16.0, 4).downgraded()).isTrue();
        assertThat(PciLink.of(32.0, 16, 32.0, 16).downgraded()).isFalse();
        assertThat(PciLink.of(null, null, 16.0, 4).downgraded()).isNull();
    }

    @Test
    void gatherReportHasTheCliShape() throws Exception {
        GatherReport report = new GatherReport(List.of(GatheredHost.of("node1", sample()),
                GatheredHost.unreachable("node2", "node2: connect: Connection refused")));
        JsonNode json = FactsJson.mapper().readTree(FactsJson.write(report));

        assertThat(json.path("hosts").get(0).path("reachable").asBoolean()).isTrue();
        assertThat(json.path("hosts").get(0).path("error").isNull()).isTrue();
        assertThat(json.path("hosts").get(1).path("facts").isNull()).isTrue();
        assertThat(json.path("hosts").get(1).path("error").asText()).contains("Connection refused");
    }
}
