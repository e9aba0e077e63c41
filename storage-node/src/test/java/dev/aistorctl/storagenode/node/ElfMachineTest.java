package dev.aistorctl.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The architecture of a server binary, read from its ELF header, against what hosts say with uname -m. */
class ElfMachineTest {
    @TempDir
    Path dir;

    @Test
    void x86_64AndAarch64AreReadFromTheirHeaders() {
        ElfMachine x86 = ElfMachine.read(ElfHeaders.x86_64()).orElseThrow();
        assertThat(x86).isEqualTo(new ElfMachine(62, 64, true));
        assertThat(x86.name()).isEqualTo("x86_64");
        assertThat(x86.runsOn("x86_64")).isTrue();
        assertThat(x86.runsOn("aarch64")).isFalse();

        ElfMachine arm = ElfMachine.read(ElfHeaders.aarch64()).orElseThrow();
        assertThat(arm.code()).isEqualTo(183);
        assertThat(arm.name()).isEqualTo("aarch64");
        assertThat(arm.runsOn("aarch64\n")).as("uname -m's line as printed").isTrue();
        assertThat(arm.runsOn("arm64")).isTrue();
        assertThat(arm.runsOn("x86_64")).isFalse();
        assertThat(arm.toString()).isEqualTo("aarch64 (ELF 64-bit LSB, e_machine 183)");
    }

    @Test
    void aRealExecutableOfThisMachineIsReadAsItsOwnArchitecture() throws Exception {
        Path real = Path.of("/bin/true").toRealPath();
        ElfMachine m = ElfMachine.of(real).orElseThrow();
        assertThat(m.runsOn(System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch")))
                .as("%s on a JVM whose os.arch is %s", m, System.getProperty("os.arch")).isTrue();
    }

    @Test
    void theByteOrderDecidesTheMachineFieldAndPpc64FromPpc64le() {
        ElfMachine big = ElfMachine.read(ElfHeaders.header(64, false, ElfMachine.EM_PPC64)).orElseThrow();
        ElfMachine little = ElfMachine.read(ElfHeaders.header(64, true, ElfMachine.EM_PPC64)).orElseThrow();
        assertThat(big.code()).isEqualTo(21);
        assertThat(big.name()).isEqualTo("ppc64");
        assertThat(little.name()).isEqualTo("ppc64le");
        assertThat(big.runsOn("ppc64le")).isFalse();
        assertThat(little.runsOn("ppc64le")).isTrue();
        // A 16-bit machine number above 255 is read across both bytes.
        assertThat(ElfMachine.read(ElfHeaders.header(64, false, ElfMachine.EM_LOONGARCH)).orElseThrow().code()).isEqualTo(258);
    }

    @Test
    void otherMachinesAreNamedAndA32BitBinaryDoesNotRunAs64Bit() {
        ElfMachine i386 = ElfMachine.read(ElfHeaders.header(32, true, ElfMachine.EM_386)).orElseThrow();
        assertThat(i386.name()).isEqualTo("i386");
        assertThat(i386.runsOn("x86_64")).as("a strict check: no multilib is assumed on a storage node").isFalse();
        ElfMachine arm32 = ElfMachine.read(ElfHeaders.header(32, true, ElfMachine.EM_ARM)).orElseThrow();
        assertThat(arm32.runsOn("armv7l")).isTrue();
        assertThat(arm32.runsOn("aarch64")).isFalse();
        assertThat(ElfMachine.read(ElfHeaders.header(64, true, 0x1234)).orElseThrow().name()).isEqualTo("ELF machine 4660");
        assertThat(ElfMachine.read(ElfHeaders.header(64, true, ElfMachine.EM_RISCV)).orElseThrow().runsOn("riscv64")).isTrue();
    }

    @Test
    void whatIsNotElfHasNoArchitectureToCheck() throws Exception {
        // A jar is a zip: "PK\3\4".
        assertThat(ElfMachine.read(new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0})).isEmpty();
        assertThat(ElfMachine.read("#!/bin/sh\nexec java -jar x.jar\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ElfMachine.read(new byte[0])).isEmpty();
        assertThat(ElfMachine.of(ElfHeaders.write(dir.resolve("s3proxy.jar"), new byte[] {'P', 'K', 3, 4}))).isEmpty();
    }

    @Test
    void aBrokenElfHeaderIsAConfigurationErrorNamingTheFile() throws Exception {
        Path cut = ElfHeaders.write(dir.resolve("minio"), Arrays.copyOf(ElfHeaders.aarch64(), 12));
        assertThatThrownBy(() -> ElfMachine.of(cut)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("ELF header cut short: 12 bytes");
        byte[] badClass = ElfHeaders.aarch64();
        badClass[4] = 7;
        assertThatThrownBy(() -> ElfMachine.of(ElfHeaders.write(dir.resolve("minio2"), badClass)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("ELF class 7");
        assertThatThrownBy(() -> ElfMachine.of(dir.resolve("absent"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("cannot read the server binary");
        assertThat(Files.exists(dir.resolve("absent"))).isFalse();
    }
}
