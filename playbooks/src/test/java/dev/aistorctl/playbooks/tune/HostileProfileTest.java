package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profile text ends up in root-owned files (systemd unit, udev rule, sysctl.d, limits.d): none of it may start a line. */
class HostileProfileTest {

    @Test
    void aNameThatWouldStartNewUnitDirectivesIsRefusedWhereItIsWritten() {
        String hostile = "version: 1\nname: \"x\\n[Service]\\nExecStartPre=/bin/touch /tmp/pwned\"\ncpu: {governor: performance}\n";
        assertThatThrownBy(() -> TuningProfiles.parse(hostile, "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("site.yaml:2:7: 'name' contains a control character (U+000A)")
                .hasMessageContaining("one line");
    }

    @Test
    void aNameIsAPlainIdentifier() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: my profile; rm\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("site.yaml:2:7: name: 'my profile; rm' is not a profile name")
                .hasMessageContaining("[a-z0-9]");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: " + "a".repeat(65) + "\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:2:7: name: ");
        assertThat(TuningProfiles.parse("version: 1\nname: site-1.tuned_v2\n", "site.yaml").name()).isEqualTo("site-1.tuned_v2");
    }

    @Test
    void aNewlineInASysctlValueIsRefusedNotFoldedIntoASpace() {
        String hostile = "version: 1\nname: x\nsysctl:\n  vm.swappiness: \"0\\nkernel.panic = 1\"\n";
        assertThatThrownBy(() -> TuningProfiles.parse(hostile, "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("site.yaml:4:18: 'sysctl vm.swappiness' contains a control character (U+000A)");
    }

    @Test
    void aControlCharacterAnywhereIsRefused() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\ndescription: \"fast \\e[2J\"\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("site.yaml:3:14: 'description' contains a control character (U+001B)");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\ndescription: |\n  line one\n  line two\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:3:14: 'description' contains a control character (U+000A)");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\ncpu: {governor: \"performance\\u0085\"}\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:3:17: 'cpu.governor' contains a control character (U+0085)");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nblock: {nvme_scheduler: \"none\\u2028x\"}\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:3:25: 'block.nvme_scheduler' contains a control character (U+2028)");
    }

    @Test
    void theRenderingRefusesALineBreakEvenWhenTheProfileWasNotReadFromYaml() {
        assertThatThrownBy(() -> CpuGovernor.unit("x\n[Service]\nExecStartPre=/bin/touch /tmp/pwned", "performance"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aistor-cpu-governor.service")
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> SysctlSetting.render("x", Map.of("vm.swappiness", "0\nkernel.panic = 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aistor-sysctl.conf");
        assertThatThrownBy(() -> OpenFileLimit.render("x\r", "minio-user", 1048576))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+000D");
        assertThat(CpuGovernor.unit("aistor-performance", "performance")).contains("(profile aistor-performance)");
    }
}
