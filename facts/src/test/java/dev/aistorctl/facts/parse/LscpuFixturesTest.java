package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.facts.facts.CpuFacts;
import org.junit.jupiter.api.Test;

/** Values read by hand from each lscpu fixture. */
class LscpuFixturesTest {

    private static CpuFacts cpu(String file) {
        return LscpuParser.parse(Fixtures.read("real/lscpu/" + file));
    }

    @Test
    void altraTwoSocketTreeLayout() {
        CpuFacts c = cpu("altra-q80-30-2s-mtjade-fdio-csit.txt");
        assertThat(c.architecture()).isEqualTo("aarch64");
        assertThat(c.vendor()).isEqualTo("ARM");
        assertThat(c.modelName()).isEqualTo("Neoverse-N1");
        assertThat(c.coreType()).isEqualTo("Neoverse-N1");
        assertThat(c.sockets()).isEqualTo(2);
        assertThat(c.coresPerSocket()).isEqualTo(80);
        assertThat(c.cores()).isEqualTo(160);
        assertThat(c.threads()).isEqualTo(160);
        assertThat(c.maxMhz()).isEqualTo(3000.0);
        assertThat(c.minMhz()).isEqualTo(1000.0);
        assertThat(c.numaNodes()).isEqualTo(2);
        assertThat(c.flags()).contains("asimd", "atomics").hasSize(17);
    }

    @Test
    void altraOneSocketFlatLayout() {
        CpuFacts c = cpu("altra-q80-30-1s-dfs-prefetch-benchmark.txt");
        assertThat(c.sockets()).isEqualTo(1);
        assertThat(c.cores()).isEqualTo(80);
        assertThat(c.threads()).isEqualTo(80);
        assertThat(c.threadsPerCore()).isEqualTo(1);
        assertThat(c.maxMhz()).isEqualTo(3000.0);
        assertThat(c.modelName()).isEqualTo("Neoverse-N1");
    }

    @Test
    void altraLinuxBootHasNoFrequencyLines() {
        CpuFacts c = cpu("altra-q80-30-1s-mtjade-linuxboot.txt");
        assertThat(c.cores()).isEqualTo(80);
        assertThat(c.maxMhz()).as("not printed by this lscpu").isNull();
        assertThat(c.numaNodes()).isNull();
        assertThat(c.flags()).as("the wrapped flags line continues the value").contains("fp", "ssbs");
    }

    @Test
    void altraBiosFieldsNameThePartAndItsMaker() {
        CpuFacts c = cpu("altra-2s-160cpu-bios-fields-PARTIAL-util-linux-rfc.txt");
        assertThat(c.vendor()).isEqualTo("ARM");
        assertThat(c.biosVendor()).isEqualTo("Ampere(R)");
        assertThat(c.biosModelName()).isEqualTo("Ampere(R) Altra(R) Processor Q00-00 CPU @ 3.0GHz");
        assertThat(c.modelName()).isEqualTo("Neoverse-N1");
        assertThat(c.threads()).isEqualTo(160);
        assertThat(c.threadsPerCore()).isEqualTo(1);
        assertThat(c.sockets()).as("the mail quotes only the top lines").isNull();
        assertThat(c.cores()).as("160 CPUs at one thread per core").isEqualTo(160);
    }

    @Test
    void nvidiaGrace() {
        CpuFacts c = cpu("arm64-nvidia-grace-neoverse-v2-fdio-csit.txt");
        assertThat(c.modelName()).isEqualTo("Neoverse-V2");
        assertThat(c.cores()).isEqualTo(72);
        assertThat(c.maxMhz()).isNull();
        assertThat(c.flags()).contains("sve2", "bti");
    }

    @Test
    void epycZen2() {
        CpuFacts c = cpu("x86-epyc-zen2-supermicro-fdio-csit.txt");
        assertThat(c.vendor()).isEqualTo("AuthenticAMD");
        assertThat(c.modelName()).isEqualTo("AMD EPYC 7532 32-Core Processor");
        assertThat(c.sockets()).isEqualTo(1);
        assertThat(c.cores()).isEqualTo(32);
        assertThat(c.threads()).isEqualTo(64);
        assertThat(c.threadsPerCore()).isEqualTo(2);
        assertThat(c.maxMhz()).isEqualTo(2400.0);
        assertThat(c.coreType()).isNull();
    }

    @Test
    void xeonGold6348() {
        CpuFacts c = cpu("x86-xeon-gold-6348-2s-nginx-lvs-bench.txt");
        assertThat(c.modelName()).isEqualTo("Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz");
        assertThat(c.sockets()).isEqualTo(2);
        assertThat(c.cores()).isEqualTo(56);
        assertThat(c.threads()).isEqualTo(112);
        assertThat(c.maxMhz()).isEqualTo(3500.0);
        assertThat(c.minMhz()).isEqualTo(800.0);
    }

    @Test
    void xeonIceLake() {
        CpuFacts c = cpu("x86-xeon-icx-supermicro-fdio-csit.txt");
        assertThat(c.vendor()).isEqualTo("GenuineIntel");
        assertThat(c.modelName()).isEqualTo("Intel(R) Xeon(R) Platinum 8358 CPU @ 2.60GHz");
        assertThat(c.cores()).isEqualTo(64);
        assertThat(c.threads()).isEqualTo(128);
        assertThat(c.maxMhz()).isNull();
        assertThat(c.numaNodes()).isEqualTo(2);
    }

    @Test
    void xeonSapphireRapids() {
        CpuFacts c = cpu("x86-xeon-spr-supermicro-fdio-csit.txt");
        assertThat(c.modelName()).isEqualTo("Intel(R) Xeon(R) Platinum 8462Y+");
        assertThat(c.sockets()).isEqualTo(2);
        assertThat(c.coresPerSocket()).isEqualTo(32);
        assertThat(c.threads()).isEqualTo(128);
    }

    @Test
    void nestedJsonWithChildrenReadsLikeTheText() {
        String json = """
                {"lscpu": [
                  {"field": "Architecture:", "data": "aarch64", "children": [
                    {"field": "CPU op-mode(s):", "data": "32-bit, 64-bit"}]},
                  {"field": "CPU(s):", "data": "128"},
                  {"field": "Vendor ID:", "data": "ARM", "children": [
                    {"field": "Model name:", "data": "Neoverse-N1", "children": [
                      {"field": "Thread(s) per core:", "data": "1"},
                      {"field": "Core(s) per socket:", "data": "128"},
                      {"field": "Socket(s):", "data": "1"},
                      {"field": "CPU max MHz:", "data": "3000.0000"}]}]},
                  {"field": "BIOS Vendor ID:", "data": "Ampere(R)"},
                  {"field": "BIOS Model name:", "data": "Ampere(R) Altra(R) Max Processor M128-30 CPU @ 3.0GHz"}
                ]}""";
        CpuFacts c = LscpuParser.parse(json);
        assertThat(c.cores()).isEqualTo(128);
        assertThat(c.maxMhz()).isEqualTo(3000.0);
        assertThat(c.modelName()).isEqualTo("Neoverse-N1");
        assertThat(c.biosModelName()).contains("M128-30");
    }

    @Test
    void armWithoutModelNameFallsBackToTheBiosModel() {
        CpuFacts c = LscpuParser.parse("""
                Architecture:        aarch64
                CPU(s):              128
                Vendor ID:           ARM
                Model name:          -
                BIOS Vendor ID:      Ampere(R)
                BIOS Model name:     Ampere(R) Altra(R) Max Processor M128-30 CPU @ 3.0GHz
                Socket(s):           -
                Cluster(s):          1
                Core(s) per cluster: 128
                """);
        assertThat(c.modelName()).isEqualTo("Ampere(R) Altra(R) Max Processor M128-30 CPU @ 3.0GHz");
        assertThat(c.coreType()).isNull();
        assertThat(c.sockets()).isEqualTo(1);
        assertThat(c.cores()).isEqualTo(128);
    }
}
