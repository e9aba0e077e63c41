package dev.aistorctl.hwcheck.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.fuzz.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutants of the shipped hardware profiles: each reads or is refused with an invalid-configuration error that
 * starts with the file's location, within 2 s and 256 MiB.
 */
class HardwareProfileFuzzTest {
    private static final String FILE = "fuzz-profile.yaml";
    private static final List<String> WORDS = List.of("version: 1\n", "name: ", "equals: ", "min: ", "max: ",
            "one_of: ", "severity: warn", "if_unknown: skip", "cpu:", "memory:", "nvme:", "nic:", "os:", "cpufreq:", "consistency:",
            "cores: ", "total: ", "count: ", "min_mbps: ", "kinds: [physical]", "{}", "512 GiB", "15.36 TB", "200000", "Gen4", "x4");

    static void read(byte[] input) {
        HardwareProfiles.parse(new String(input, StandardCharsets.UTF_8), FILE, "fuzz-profile");
    }

    static boolean documented(Throwable t) {
        if (!(t instanceof InvalidConfigException)) {
            return false;
        }
        assertThat(t.getMessage()).as("a refused profile names the file first").startsWith(FILE);
        return true;
    }

    @Test
    void everyMutantReadsOrIsRefusedAtItsLocation() {
        Path profiles = Path.of(System.getProperty("aistorctl.root"), "hwcheck/src/main/resources/profiles");
        List<byte[]> corpus = Fuzzer.corpus(profiles);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(2);
        Fuzzer.Result r = Fuzzer.configured("hardware-profile", HardwareProfileFuzzTest::documented, WORDS, 1)
                .run(corpus, HardwareProfileFuzzTest::read);
        System.out.println(r);
        assertThat(r.inputs()).isGreaterThan(corpus.size());
    }

    @Test
    void everyKeptCrasherHoldsTheProperty() {
        new Fuzzer("hardware-profile", HardwareProfileFuzzTest::documented, List.of(), 0, Duration.ZERO, 0)
                .replay(Fuzzer.kept("hardware-profile"), HardwareProfileFuzzTest::read);
    }

    /** Found by the fuzzer: YAML 1.1 numbers that are not decimal (base 60, hex, .inf) escaped as NumberFormatException. */
    @Test
    void aThresholdThatIsNotAPlainDecimalIsRefusedAtItsPlace() throws Exception {
        byte[] crasher = java.nio.file.Files.readAllBytes(Fuzzer.kept("hardware-profile").resolve("base-60-number.yaml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(crasher)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(FILE + ":37:").hasMessageContaining("must be a plain decimal number, not '10000:01:00.06'");
        for (String value : List.of("0x1F", ".inf", ".NaN", "1:30")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(
                    ("version: 1\nname: x\nnvme:\n  pcie_link: {min_speed_gts: " + value + ", min_width: 4}\n").getBytes(StandardCharsets.UTF_8)))
                    .as(value).isInstanceOf(InvalidConfigException.class).hasMessageContaining("must be a plain decimal number");
        }
    }
}
