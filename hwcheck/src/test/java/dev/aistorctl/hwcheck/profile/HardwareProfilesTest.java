package dev.aistorctl.hwcheck.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.text.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProfilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void every_built_in_profile_loads_by_name() {
        for (String name : HardwareProfiles.BUILT_IN) {
            HardwareProfile p = HardwareProfiles.load(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.rules()).isNotEmpty();
        }
    }

    @Test
    void the_reference_profile_carries_its_thresholds_as_data() {
        HardwareProfile p = HardwareProfiles.load("ampere-altra-m128");

        assertThat(p.rule("cpu.cores").orElseThrow().integer("min")).contains(128L);
        assertThat(p.rule("cpu.cores").orElseThrow().integer("max")).contains(128L);
        assertThat(p.rule("memory.total").orElseThrow().bytes("min")).contains(512L * 1024 * 1024 * 1024);
        assertThat(p.rule("nvme.size").orElseThrow().bytes("min")).contains(15_360_000_000_000L);
        assertThat(p.rule("nvme.model").orElseThrow().strings("matches")).contains("Micron_7500*MTFDKCC15T3TGP*");
        assertThat(p.rule("os.release").orElseThrow().strings("version_id")).containsExactly("22.04");
        RuleSettings governor = p.rule("cpufreq.governor").orElseThrow();
        assertThat(governor.severity()).isEqualTo(Severity.WARN);
        assertThat(governor.ifUnknown()).isEqualTo(Severity.WARN);
        assertThat(p.rule("nvme.count").orElseThrow().ifUnknown()).as("when in doubt, deny").isEqualTo(Severity.FAIL);
        assertThat(p.rule("memory.total").orElseThrow().location()).isEqualTo("profiles/ampere-altra-m128.yaml (built in):27:3");
    }

    @Test
    void a_profile_is_loaded_by_path_and_named_after_its_file() throws IOException {
        Path file = write("site-a.yaml", """
                version: 1
                cpu:
                  cores: {min: 64}
                nvme:
                  count: {equals: 12}
                  model: {matches: "SAMSUNG*"}
                """);

        HardwareProfile p = HardwareProfiles.load(file.toString());

        assertThat(p.name()).isEqualTo("site-a");
        assertThat(p.source()).isEqualTo(file.toString());
        assertThat(p.rules()).extracting(RuleSettings::id).containsExactly("cpu.cores", "nvme.count", "nvme.model");
        assertThat(p.rule("nvme.count").orElseThrow().integer("min")).contains(12L);
    }

    @Test
    void an_unknown_key_names_file_line_column_and_the_likely_key() throws IOException {
        Path file = write("typo.yaml", """
                version: 1
                nvme:
                  count: {equals: 8}
                  modle: {matches: "Micron*"}
                """);

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ":4:3: unknown key 'modle' in nvme; did you mean 'model'?")
                .satisfies(e -> assertThat(((InvalidConfigException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG));
    }

    @Test
    void an_unknown_parameter_is_refused_too() throws IOException {
        Path file = write("param.yaml", """
                version: 1
                cpu:
                  cores:
                    minimum: 128
                """);

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .hasMessageStartingWith(file + ":4:5: unknown key 'minimum' in cpu.cores; did you mean 'min'?");
    }

    @Test
    void an_unknown_section_is_refused() throws IOException {
        Path file = write("section.yaml", "version: 1\nnvm:\n  count: {min: 1}\n");

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .hasMessage(file + ":2:1: unknown key 'nvm' in the profile; did you mean 'nvme'?");
    }

    @Test
    void another_version_is_refused() throws IOException {
        Path file = write("v2.yaml", "version: 2\ncpu:\n  cores: {min: 1}\n");

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ":1:10: unsupported profile version 2; this aistorctl reads version 1");
    }

    @Test
    void a_missing_version_is_refused() throws IOException {
        Path file = write("noversion.yaml", "cpu:\n  cores: {min: 1}\n");

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString())).hasMessage(file + ":1:1: missing 'version: 1'");
    }

    @Test
    void wrong_values_are_refused_where_they_are_written() throws IOException {
        Path severity = write("sev.yaml", "version: 1\ncpufreq:\n  governor: {one_of: performance, severity: info}\n");
        Path number = write("num.yaml", "version: 1\ncpu:\n  cores: {min: many}\n");
        Path size = write("size.yaml", "version: 1\nmemory:\n  total: {min: 512 gigs}\n");
        Path missing = write("req.yaml", "version: 1\nnic:\n  speed: {count: 2}\n");
        Path both = write("both.yaml", "version: 1\nnvme:\n  count: {equals: 8, min: 4}\n");
        Path twice = write("twice.yaml", "version: 1\ncpu:\n  cores: {min: 1}\ncpu:\n  max_mhz: {min: 1}\n");

        assertThatThrownBy(() -> HardwareProfiles.load(severity.toString()))
                .hasMessage(severity + ":3:45: cpufreq.governor.severity must be one of warn, fail, not 'info'");
        assertThatThrownBy(() -> HardwareProfiles.load(number.toString()))
                .hasMessage(number + ":3:16: cpu.cores.min must be a whole number, not 'many'");
        assertThatThrownBy(() -> HardwareProfiles.load(size.toString()))
                .hasMessageStartingWith(size + ":3:16: memory.total.min: '512 gigs' has an unknown unit");
        assertThatThrownBy(() -> HardwareProfiles.load(missing.toString()))
                .hasMessage(missing + ":3:3: nic.speed needs 'min_mbps'");
        assertThatThrownBy(() -> HardwareProfiles.load(both.toString()))
                .hasMessage(both + ":3:3: nvme.count: give 'equals' or 'min'/'max', not both");
        assertThatThrownBy(() -> HardwareProfiles.load(twice.toString()))
                .hasMessage(twice + ":4:1: 'cpu' is given twice in the profile (first at line 2)");
    }

    @Test
    void broken_yaml_is_reported_with_its_position() throws IOException {
        Path file = write("broken.yaml", "version: 1\ncpu:\n  cores: {min: 1\n");

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(file + ":4:1: not valid YAML");
    }

    @Test
    void an_unknown_built_in_name_suggests_the_close_one() {
        assertThatThrownBy(() -> HardwareProfiles.load("ampere-altra-m12"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no built-in hardware profile 'ampere-altra-m12'; did you mean 'ampere-altra-m128'?");
    }

    @Test
    void a_missing_file_is_a_config_error() {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> HardwareProfiles.load(file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ": hardware profile file not found");
    }

    @Test
    void sizes_take_decimal_and_binary_units() {
        assertThat(ByteSize.parse("512 GiB").bytes()).isEqualTo(549_755_813_888L);
        assertThat(ByteSize.parse("15.36TB").bytes()).isEqualTo(15_360_000_000_000L);
        assertThat(ByteSize.parse("1024").bytes()).isEqualTo(1024L);
        assertThat(ByteSize.precise(512L << 30)).isEqualTo("512 GiB");
        assertThat(ByteSize.precise(15_362_991_415_296L)).isEqualTo("15.36 TB (15362991415296 bytes)");
    }
}
