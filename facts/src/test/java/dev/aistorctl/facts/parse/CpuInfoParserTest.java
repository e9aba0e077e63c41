package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.facts.CpuFacts;
import org.junit.jupiter.api.Test;

class CpuInfoParserTest {

    @Test
    void armCpuinfoNamesTheCoreFromItsPartNumber() {
        String block = """
                processor\t: %d
                BogoMIPS\t: 50.00
                Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics
                CPU implementer\t: 0x41
                CPU architecture: 8
                CPU variant\t: 0x3
                CPU part\t: 0xd0c
                CPU revision\t: 1

                """;
        CpuFacts c = CpuInfoParser.parse(block.formatted(0) + block.formatted(1) + block.formatted(2));
        assertThat(c.architecture()).isEqualTo("aarch64");
        assertThat(c.vendor()).isEqualTo("ARM");
        assertThat(c.modelName()).isEqualTo("Neoverse-N1");
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.sockets()).as("Arm cpuinfo does not say").isNull();
    }

    @Test
    void ampereOwnCoresAreAmpere() {
        CpuFacts c = CpuInfoParser.parse("processor\t: 0\nCPU implementer\t: 0xc0\nCPU part\t: 0xac3\n");
        assertThat(c.vendor()).isEqualTo("Ampere");
        assertThat(c.modelName()).isEqualTo("Ampere-1");
    }
}
