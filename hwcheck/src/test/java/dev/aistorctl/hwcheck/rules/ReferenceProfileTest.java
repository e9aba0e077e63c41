package dev.aistorctl.hwcheck.rules;

import static dev.aistorctl.hwcheck.rules.ReferenceHost.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.CpuFreqFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.facts.facts.PciLink;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference profile against the reference server and against each way it can be wrong. */
class ReferenceProfileTest {
    private static final HardwareProfile PROFILE = HardwareProfiles.load("ampere-altra-m128");

    private static List<Finding> check(HostFacts facts) {
        return HostRules.check(PROFILE, facts);
    }

    private static List<Finding> notPassing(HostFacts facts) {
        return check(facts).stream().filter(f -> f.severity() != Severity.PASS).toList();
    }

    @Test
    void the_reference_server_passes_every_rule() {
        List<Finding> findings = check(ReferenceHost.perfect());

        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo(Severity.PASS));
        assertThat(findings).extracting(Finding::rule).contains("cpu.architecture", "cpu.model", "cpu.cores", "cpu.max_mhz",
                "memory.total", "memory.speed", "nvme.count", "nvme.model", "nvme.same_model", "nvme.size", "nvme.health",
                "nvme.wear", "nvme.pcie_link", "nic.speed", "nic.pcie_link", "pcie.downgraded", "pcie.port_downgraded",
                "os.release", "cpufreq.governor", "cpu.vector_extensions", "cpu.min_physical_cores", "memory.swap_active",
                "memory.thp", "kernel.iommu", "time.synchronised", "network.mtu_consistent", "nvme.numa_local", "nic.numa_local");
    }

    @Test
    void seven_drives_fail_the_count() {
        HostFacts facts = new ReferenceHost().drives(d -> d.subList(0, 7)).build();

        assertThat(notPassing(facts)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("nvme.count");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.expected()).isEqualTo("exactly 8");
            assertThat(f.actual()).isEqualTo("7");
        });
    }

    @Test
    void a_drive_holding_the_root_filesystem_is_not_a_data_drive() {
        ReferenceHost host = new ReferenceHost();
        NvmeDrive boot = new NvmeDrive("/dev/nvme8n1", "nvme8", "SAMSUNG MZ1L2960HCJR", "BOOT1", "GDC7", 960_000_000_000L, 512,
                "0000:0b:00.0", new NvmeHealth(0, 0, 0L, 100, 30, 10L, 0L, 0L));
        host.nvme.add(boot);
        host.blockDevices.add(new dev.aistorctl.facts.facts.BlockDevice("nvme8n1", "/dev/nvme8n1", "disk", 960_000_000_000L,
                null, "BOOT1", null, "nvme", false, false, false, null, null, null, "gpt", List.of(), 512, 4096, "none",
                List.of(new dev.aistorctl.facts.facts.BlockDevice("nvme8n1p2", "/dev/nvme8n1p2", "part", 900_000_000_000L,
                        null, null, null, null, false, false, false, "ext4", "u", null, null, List.of("/"), 512, 4096, null, List.of()))));

        List<Finding> findings = check(host.build());

        assertThat(findings).filteredOn(f -> f.severity() != Severity.PASS).isEmpty();
        assertThat(findings).filteredOn(f -> f.rule().equals("nvme.count")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("8 NVMe data drives", "(serial BOOT1) holds /"));
    }

    @Test
    void a_drive_of_another_model_is_named_by_serial() {
        HostFacts facts = new ReferenceHost().drive(3, d -> ReferenceHost.withModel(d, "SAMSUNG MZQL215THBLA-00A07")).build();

        List<Finding> bad = notPassing(facts);

        assertThat(bad).extracting(Finding::rule).containsExactlyInAnyOrder("nvme.model", "nvme.same_model");
        assertThat(bad).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.device()).isEqualTo("2345MTFD0003");
            assertThat(f.actual()).isEqualTo("SAMSUNG MZQL215THBLA-00A07");
        });
    }

    @Test
    void the_bare_part_number_some_firmware_reports_is_the_right_model() {
        HostFacts facts = new ReferenceHost().drives(ds -> ds.stream().map(d -> ReferenceHost.withModel(d, "MTFDKCC15T3TGP-1BK1DABYY")).toList()).build();

        assertThat(notPassing(facts)).isEmpty();
    }

    @Test
    void a_drive_at_x2_fails_its_link_and_is_named_by_serial_and_bdf() {
        HostFacts facts = new ReferenceHost().link("0000:03:00.0", PciLink.of(16.0, 2, 16.0, 4)).build();

        List<Finding> bad = notPassing(facts);

        assertThat(bad).extracting(Finding::rule).containsExactlyInAnyOrder("nvme.pcie_link", "pcie.downgraded");
        assertThat(bad).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.FAIL));
        Finding link = bad.stream().filter(f -> f.rule().equals("nvme.pcie_link")).findFirst().orElseThrow();
        assertThat(link.device()).isEqualTo("2345MTFD0002");
        assertThat(link.actual()).isEqualTo("16 GT/s (Gen4) x2");
        assertThat(link.message()).contains("0000:03:00.0", "capable of 16 GT/s (Gen4) x4");
        Finding downgraded = bad.stream().filter(f -> f.rule().equals("pcie.downgraded")).findFirst().orElseThrow();
        assertThat(downgraded.device()).isEqualTo("0000:03:00.0");
        assertThat(downgraded.message()).contains("serial 2345MTFD0002");
        assertThat(downgraded.hint()).contains("reseat");
    }

    @Test
    void a_gen3_drive_at_its_own_full_speed_fails_the_profile_but_is_not_downgraded() {
        HostFacts facts = new ReferenceHost().link("0000:01:00.0", PciLink.of(8.0, 4, 8.0, 4)).build();

        assertThat(notPassing(facts)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("nvme.pcie_link");
            assertThat(f.device()).isEqualTo("2345MTFD0000");
            assertThat(f.expected()).isEqualTo(">= 16 GT/s (Gen4) x4");
            assertThat(f.actual()).isEqualTo("8 GT/s (Gen3) x4");
        });
    }

    @Test
    void a_100g_nic_fails_the_speed() {
        ReferenceHost host = new ReferenceHost();
        host.nics.set(1, new Nic("enp10s0f0np0", 100_000L, 9000, "mlx5_core", "0000:0a:00.0", "b8:ce:f6:00:00:01", "UP", null, null, true));

        List<Finding> bad = notPassing(host.build());

        assertThat(bad).extracting(Finding::rule).containsExactlyInAnyOrder("nic.speed", "nic.pcie_link");
        Finding speed = bad.stream().filter(f -> f.rule().equals("nic.speed")).findFirst().orElseThrow();
        assertThat(speed.severity()).isEqualTo(Severity.FAIL);
        assertThat(speed.actual()).isEqualTo("100000 Mb/s");
        assertThat(speed.message()).contains("enp10s0f0np0 100000 Mb/s");
    }

    @Test
    void a_nic_on_a_gen4_x8_slot_fails_its_link_by_interface_name() {
        HostFacts facts = new ReferenceHost().link("0000:0a:00.0", PciLink.of(16.0, 8, 16.0, 16)).build();

        assertThat(notPassing(facts)).filteredOn(f -> f.rule().equals("nic.pcie_link")).singleElement()
                .satisfies(f -> assertThat(f.device()).isEqualTo("enp10s0f0np0"));
        assertThat(notPassing(facts)).filteredOn(f -> f.rule().equals("pcie.downgraded")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("0000:0a:00.0", "interface enp10s0f0np0"));
    }

    @Test
    void sixty_four_cores_fail() {
        ReferenceHost host = new ReferenceHost();
        CpuFacts c = host.cpu;
        host.cpu = new CpuFacts(c.architecture(), c.vendor(), c.modelName(), 1, 64, 64, 64, c.maxMhz(), c.minMhz(), 1, 1,
                c.coreType(), c.biosVendor(), "Ampere(R) Altra(R) Processor Q64-30 CPU @ 3.0GHz", c.flags());

        assertThat(notPassing(host.build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("cpu.cores");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.expected()).isEqualTo("exactly 128");
            assertThat(f.actual()).isEqualTo("64");
        });
    }

    @Test
    void the_schedutil_governor_only_warns() {
        ReferenceHost host = new ReferenceHost();
        host.cpufreq = new CpuFreqFacts("cppc_cpufreq", List.of("schedutil"), List.of("performance", "schedutil"), 128, 1000.0, 3000.0);

        assertThat(notPassing(host.build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("cpufreq.governor");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.actual()).isEqualTo("schedutil");
            assertThat(f.hint()).contains("performance");
        });
    }

    @Test
    void ubuntu_20_04_fails() {
        ReferenceHost host = new ReferenceHost();
        host.os = new OsFacts("ubuntu", "20.04", "Ubuntu 20.04.6 LTS", "5.4.0-200-generic", "node1", "aarch64");

        assertThat(notPassing(host.build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("os.release");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.expected()).isEqualTo("ubuntu 22.04");
            assertThat(f.actual()).isEqualTo("ubuntu 20.04");
        });
    }

    @Test
    void half_the_dimms_fail_the_memory_total() {
        ReferenceHost host = new ReferenceHost();
        host.memory = new MemoryFacts(252 * GIB, 240 * GIB, host.memory.dimms().subList(0, 8), 256 * GIB, 16);

        assertThat(notPassing(host.build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("memory.total");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.expected()).isEqualTo(">= 512 GiB");
            assertThat(f.actual()).isEqualTo("256 GiB in 8 DIMMs");
        });
    }

    @Test
    void without_dimm_data_memtotal_is_judged_with_the_kernel_allowance() {
        ReferenceHost host = new ReferenceHost();
        host.sources = new SourceReportBuilder().failed("dmidecode-memory.txt", "dmidecode -t memory", 1, "Permission denied").build();
        host.memory = new MemoryFacts(503 * GIB, 490 * GIB, null, null, null);

        Finding total = check(host.build()).stream().filter(f -> f.rule().equals("memory.total")).findFirst().orElseThrow();
        assertThat(total.severity()).isEqualTo(Severity.PASS);
        assertThat(total.message()).contains("judged from MemTotal", "dmidecode -t memory failed (exit 1: Permission denied)");

        host.memory = new MemoryFacts(256 * GIB, 250 * GIB, null, null, null);
        Finding half = check(host.build()).stream().filter(f -> f.rule().equals("memory.total")).findFirst().orElseThrow();
        assertThat(half.severity()).isEqualTo(Severity.FAIL);
        assertThat(half.actual()).isEqualTo("MemTotal 256 GiB");
    }

    @Test
    void a_critical_warning_fails_and_heavy_wear_warns() {
        ReferenceHost host = new ReferenceHost()
                .drive(0, d -> d.withHealth(new NvmeHealth(0x04, 2, 0L, 100, 35, 1200L, 3L, 0L)))
                .drive(1, d -> d.withHealth(new NvmeHealth(0, 91, 0L, 100, 35, 1200L, 3L, 0L)));

        List<Finding> bad = notPassing(host.build());

        assertThat(bad).extracting(Finding::rule, Finding::severity, Finding::device).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("nvme.health", Severity.FAIL, "2345MTFD0000"),
                org.assertj.core.groups.Tuple.tuple("nvme.wear", Severity.WARN, "2345MTFD0001"));
        assertThat(bad.get(0).message()).contains("reliability degraded");
    }

    @Test
    void a_missing_nvme_cli_makes_every_drive_rule_fail_and_say_why() {
        ReferenceHost host = new ReferenceHost();
        host.nvme = null;
        host.sources = new SourceReportBuilder()
                .failedTool("nvme-list.json", "nvme list -o json")
                .failedTool("nvme-list.txt", "nvme list").build();
        HostFacts facts = new HostFacts(host.cpu, host.memory, null, host.pci, host.nics, host.os, host.cpufreq, host.blockDevices, host.sources, null,
                host.tuning);

        // NUMA placement comes from sysfs, not nvme-cli
        List<Finding> nvme = check(facts).stream().filter(f -> f.rule().startsWith("nvme.") && !f.rule().equals("nvme.numa_local")).toList();
        List<Finding> drives = nvme.stream().filter(f -> f.device() == null).toList();

        // the controllers' links are still judged, by PCI address
        assertThat(nvme).filteredOn(f -> f.device() != null).hasSize(8).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("nvme.pcie_link");
            assertThat(f.severity()).isEqualTo(Severity.PASS);
            assertThat(f.device()).startsWith("0000:");
        });
        assertThat(drives).hasSize(7).allSatisfy(f -> {
            // wear only warns when it deviates, so it only warns when it cannot be read
            assertThat(f.severity()).isEqualTo(f.rule().equals("nvme.wear") ? Severity.WARN : Severity.FAIL);
            assertThat(f.actual()).isEqualTo("unknown");
            assertThat(f.message()).startsWith("unknown: NVMe drives: nvme list -o json failed (command not found");
            assertThat(f.hint()).contains("install nvme-cli");
        });
    }

    @Test
    void an_unknown_governor_warns_on_the_reference_profile() {
        ReferenceHost host = new ReferenceHost();
        host.cpufreq = null;
        host.sources = new SourceReportBuilder().missing("cpufreq.txt").build();

        assertThat(notPassing(host.build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("cpufreq.governor");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).isEqualTo("unknown: cpufreq governor: cpufreq.txt missing from the capture");
        });
    }

    @Test
    void unknown_cpu_facts_fail_when_in_doubt() {
        ReferenceHost host = new ReferenceHost();
        host.cpu = null;

        List<Finding> cpu = check(host.build()).stream().filter(f -> f.rule().startsWith("cpu.")).toList();

        // the maximum frequency is still known from cpufreq; everything lscpu alone tells is not
        assertThat(cpu).filteredOn(f -> f.severity() == Severity.PASS).extracting(Finding::rule).containsExactly("cpu.max_mhz");
        assertThat(cpu).filteredOn(f -> !f.rule().equals("cpu.max_mhz")).hasSize(5).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).startsWith("unknown: ");
        });
    }

    /** Sources as a gatherer reports them, starting from "everything present". */
    static final class SourceReportBuilder {
        private final List<String> present = new ArrayList<>(ReferenceHost.ALL_SOURCES);
        private final List<String> missing = new ArrayList<>();
        private final List<dev.aistorctl.facts.facts.SourceReport.FailedSource> failed = new ArrayList<>();

        SourceReportBuilder missing(String file) {
            present.remove(file);
            missing.add(file);
            return this;
        }

        SourceReportBuilder failed(String file, String command, int exit, String message) {
            present.remove(file);
            failed.add(new dev.aistorctl.facts.facts.SourceReport.FailedSource(file, command, exit, message, false));
            return this;
        }

        SourceReportBuilder failedTool(String file, String command) {
            present.remove(file);
            failed.add(new dev.aistorctl.facts.facts.SourceReport.FailedSource(file, command, 127, "sh: 1: nvme: not found", true));
            return this;
        }

        dev.aistorctl.facts.facts.SourceReport build() {
            return new dev.aistorctl.facts.facts.SourceReport(present, missing, failed);
        }
    }
}
