package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.SystemTuning;
import dev.aistorctl.facts.parse.KernelCmdlineParser;
import dev.aistorctl.facts.parse.LscpuParser;
import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system-tuning checklist rules: each passes, warns and fails (or is unknown), on arm64 and x86. */
class SystemTuningRulesTest {
    private static final HardwareProfile REFERENCE = HardwareProfiles.load("ampere-altra-m128");
    private static final CpuFacts ALTRA = LscpuParser.parse(Fixtures.read("real/lscpu/altra-q80-30-2s-mtjade-fdio-csit.txt"));
    private static final CpuFacts XEON = LscpuParser.parse(Fixtures.read("real/lscpu/x86-xeon-icx-supermicro-fdio-csit.txt"));

    private static List<Finding> rule(HostFacts facts, String id) {
        return HostRules.check(REFERENCE, facts).stream().filter(f -> f.rule().equals(id)).toList();
    }

    private static Finding one(HostFacts facts, String id) {
        List<Finding> found = rule(facts, id);
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static HostFacts withCpu(CpuFacts cpu) {
        ReferenceHost h = new ReferenceHost();
        h.cpu = cpu;
        return h.build();
    }

    private static HostFacts withTuning(SystemTuning t) {
        ReferenceHost h = new ReferenceHost();
        h.tuning = t;
        return h.build();
    }

    private static SystemTuning tuning() {
        return new ReferenceHost().tuning;
    }

    // ---- cpu.vector_extensions

    @Test
    void altraFlagsHaveAdvancedSimd() {
        assertThat(ALTRA.flags()).contains("asimd");
        Finding f = one(withCpu(ALTRA), "cpu.vector_extensions");
        assertThat(f.severity()).isEqualTo(Severity.PASS);
        assertThat(f.expected()).isEqualTo("asimd");
    }

    @Test
    void xeonFlagsHaveSse42AndAvx2() {
        Finding f = one(withCpu(XEON), "cpu.vector_extensions");
        assertThat(f.severity()).isEqualTo(Severity.PASS);
        assertThat(f.expected()).isEqualTo("sse4_2, avx2");
    }

    @Test
    void x86WithoutAvx2Fails() {
        List<String> flags = XEON.flags().stream().filter(x -> !x.equals("avx2")).toList();
        CpuFacts noAvx2 = new CpuFacts(XEON.architecture(), XEON.vendor(), XEON.modelName(), XEON.sockets(), XEON.coresPerSocket(),
                XEON.cores(), XEON.threads(), XEON.maxMhz(), XEON.minMhz(), XEON.threadsPerCore(), XEON.numaNodes(), XEON.coreType(),
                XEON.biosVendor(), XEON.biosModelName(), flags);
        Finding f = one(withCpu(noAvx2), "cpu.vector_extensions");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.message()).isEqualTo("the CPU flags lack avx2");
        assertThat(f.hint()).contains("host-passthrough");
    }

    @Test
    void arm64WithoutFlagsIsUnknown() {
        ReferenceHost h = new ReferenceHost();
        h.cpu = new CpuFacts("aarch64", "ARM", "Neoverse-N1", 1, 128, 128, 128, 3000.0, 1000.0, 1, 1, "Neoverse-N1", null, null, null);
        Finding f = one(h.build(), "cpu.vector_extensions");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.actual()).isEqualTo("unknown");
    }

    @Test
    void avx2AskedOfArm64IsRefusedAtLoad(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("site.yaml");
        Files.writeString(p, "version: 1\ncpu:\n  vector_extensions: {aarch64: [asimd, avx2]}\n");
        assertThatThrownBy(() -> HardwareProfiles.load(p.toString())).hasMessageStartingWith(p + ":3:40: cpu.vector_extensions.aarch64: "
                + "'avx2' is an x86_64 extension; an aarch64 CPU never has it (the arm64 equivalent is asimd, Advanced SIMD)");
        Path q = dir.resolve("x86.yaml");
        Files.writeString(q, "version: 1\ncpu:\n  vector_extensions:\n    x86_64: sve\n");
        assertThatThrownBy(() -> HardwareProfiles.load(q.toString())).hasMessageStartingWith(q + ":4:13: cpu.vector_extensions.x86_64: 'sve'");
    }

    // ---- cpu.min_physical_cores

    @Test
    void eightPhysicalCoresAtLeast() {
        assertThat(one(withCpu(ALTRA), "cpu.min_physical_cores").severity()).isEqualTo(Severity.PASS);
        ReferenceHost h = new ReferenceHost();
        h.cpu = new CpuFacts("x86_64", "GenuineIntel", "Xeon", 1, 4, 4, 8, 3000.0, 1000.0, 2, 1, null, null, null, List.of("avx2", "sse4_2"));
        Finding f = one(h.build(), "cpu.min_physical_cores");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.message()).contains("4 physical cores, fewer than the 8");
        assertThat(f.hint()).contains("hyper-threads do not count");
    }

    // ---- memory.swap_active and memory.thp

    @Test
    void activeSwapWarnsWithTheTuneStep() {
        SystemTuning t = tuning();
        Finding f = one(withTuning(new SystemTuning(t.kernelArgs(), t.transparentHugepages(), List.of("/swap.img"), t.iommu(), t.timeSync(),
                t.numa())), "memory.swap_active");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.actual()).isEqualTo("/swap.img");
        assertThat(f.hint()).contains("aistorctl tune turns swap off");
        assertThat(one(withTuning(null), "memory.swap_active").actual()).isEqualTo("unknown");
    }

    @Test
    void thpAlwaysWarns() {
        SystemTuning t = tuning();
        Finding f = one(withTuning(new SystemTuning(t.kernelArgs(), "always", t.swapActive(), t.iommu(), t.timeSync(), t.numa())), "memory.thp");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.expected()).isEqualTo("madvise");
    }

    // ---- kernel.iommu

    @Test
    void translatedIommuOnArm64WarnsWithTheArm64Argument() {
        SystemTuning t = tuning();
        Finding f = one(withTuning(new SystemTuning(List.of("ro"), t.transparentHugepages(), t.swapActive(),
                new SystemTuning.Iommu(List.of("smmu3.0x0000000100000000"), Map.of("DMA", 12)), t.timeSync(), t.numa())), "kernel.iommu");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.hint()).startsWith("add iommu.passthrough=1 to the kernel command line").contains("/etc/default/grub.d/aistor-iommu.cfg");
    }

    @Test
    void translatedIommuOnX86WarnsWithTheX86Argument() {
        ReferenceHost h = new ReferenceHost();
        h.cpu = XEON;
        h.tuning = new SystemTuning(List.of("ro", "intel_iommu=on"), "madvise", List.of(),
                new SystemTuning.Iommu(List.of("dmar0", "dmar1"), Map.of("DMA-FQ", 80)), tuning().timeSync(), tuning().numa());
        Finding f = one(h.build(), "kernel.iommu");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.expected()).contains("iommu=pt");
        assertThat(f.hint()).startsWith("add iommu=pt");
    }

    @Test
    void theAltraTestbedCommandLineAloneShowsPassthrough() {
        List<String> args = KernelCmdlineParser.parse(Fixtures.read("real/cmdline/altra-ubuntu2204-5.15-fdio-csit.txt"));
        SystemTuning t = tuning();
        Finding f = one(withTuning(new SystemTuning(args, "madvise", List.of(), null, t.timeSync(), t.numa())), "kernel.iommu");
        assertThat(f.severity()).isEqualTo(Severity.PASS);
        assertThat(f.actual()).isEqualTo("passthrough (command line)");
    }

    @Test
    void noIommuUnitPasses() {
        HostFacts vm = FactsAssembler.from(CaptureBundle.read(Fixtures.path("emulated/firecracker-host")));
        Finding f = HostRules.check(REFERENCE, vm).stream().filter(x -> x.rule().equals("kernel.iommu")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.PASS);
        assertThat(f.actual()).isEqualTo("no IOMMU active");
    }

    // ---- time.synchronised

    @Test
    void unsynchronisedChronyFailsInTheReferenceProfile() {
        HostFacts vm = FactsAssembler.from(CaptureBundle.read(Fixtures.path("emulated/firecracker-host")));
        Finding f = HostRules.check(REFERENCE, vm).stream().filter(x -> x.rule().equals("time.synchronised")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.message()).contains("chronyc: leap status Not synchronised");
        assertThat(one(ReferenceHost.perfect(), "time.synchronised").message()).contains("ntp1.example.net");
        assertThat(one(withTuning(null), "time.synchronised").actual()).isEqualTo("unknown");
    }

    // ---- network.mtu_consistent

    @Test
    void aDataPortAt1500Fails() {
        ReferenceHost h = new ReferenceHost();
        h.nics.replaceAll(n -> n.name().startsWith("enp") ? new Nic(n.name(), n.speedMbps(), 1500, n.driver(), n.pciAddress(), n.macAddress(),
                n.state(), n.kind(), n.master(), n.linkDetected()) : n);
        Finding f = one(h.build(), "network.mtu_consistent");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.device()).isEqualTo("enp10s0f0np0");
        assertThat(f.message()).isEqualTo("enp10s0f0np0 runs MTU 1500, the profile needs 9000");
    }

    // ---- nvme.numa_local and nic.numa_local

    @Test
    void twoNodesWithTheNicFarFromHalfTheDrives() {
        Map<String, Integer> drives = Map.of("nvme0", 0, "nvme1", 0, "nvme2", 1, "nvme3", 1);
        SystemTuning t = tuning();
        HostFacts facts = withTuning(new SystemTuning(t.kernelArgs(), "madvise", List.of(), t.iommu(), t.timeSync(),
                new SystemTuning.NumaPlacement(2, drives, Map.of("enp10s0f0np0", 1))));
        List<Finding> nvme = rule(facts, "nvme.numa_local");
        assertThat(nvme).hasSize(4);
        assertThat(nvme).filteredOn(f -> f.severity() == Severity.WARN).extracting(Finding::device).containsExactlyInAnyOrder("nvme0", "nvme1");
        assertThat(nvme).filteredOn(f -> f.severity() == Severity.WARN).first().satisfies(f ->
                assertThat(f.message()).isEqualTo("nvme0 is on NUMA node 0, the data NICs on node 1"));
        assertThat(one(facts, "nic.numa_local").severity()).isEqualTo(Severity.PASS);

        HostFacts nicAlone = withTuning(new SystemTuning(t.kernelArgs(), "madvise", List.of(), t.iommu(), t.timeSync(),
                new SystemTuning.NumaPlacement(2, Map.of("nvme0", 0), Map.of("enp10s0f0np0", 1))));
        Finding nic = one(nicAlone, "nic.numa_local");
        assertThat(nic.severity()).isEqualTo(Severity.WARN);
        assertThat(nic.message()).isEqualTo("enp10s0f0np0 is on NUMA node 1, the drives on node 0");
    }

    @Test
    void oneNodeIsAlwaysLocal() {
        assertThat(one(ReferenceHost.perfect(), "nvme.numa_local").message()).isEqualTo("one NUMA node: every drive is local");
        assertThat(one(withTuning(null), "nic.numa_local").severity()).as("unknown counts as a warning").isEqualTo(Severity.WARN);
    }

    @Test
    void theLabProfileRunsOnTheBuildMachine() {
        HardwareProfile lab = HardwareProfiles.load("lab");
        HostFacts vm = FactsAssembler.from(CaptureBundle.read(Fixtures.path("emulated/firecracker-host")));
        List<Finding> findings = HostRules.check(lab, vm);
        assertThat(findings).filteredOn(f -> f.rule().equals("cpu.vector_extensions")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(findings).filteredOn(f -> f.rule().equals("memory.thp")).singleElement()
                .satisfies(f -> assertThat(f.actual()).isEqualTo("madvise"));
        assertThat(findings).extracting(Finding::rule).doesNotContain("time.synchronised");
    }
}
