package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.StepRegistry;
import org.junit.jupiter.api.Test;

class TuningProfilesTest {

    @Test
    void theBuiltInProfileHoldsMinIOsSettings() {
        TuningProfile p = TuningProfiles.resolve("aistor-performance");

        assertThat(p.sysctl()).hasSize(20).containsEntry("vm.swappiness", "0")
                .containsEntry("net.ipv4.tcp_rmem", "4096 1048576 67108864").containsEntry("fs.xfs.xfssyncd_centisecs", "72000");
        assertThat(p.governor()).contains("performance");
        assertThat(p.hugePages()).contains(new TuningProfile.HugePages("madvise", "defer+madvise", 0));
        assertThat(p.nvmeScheduler()).contains("none");
        assertThat(p.serviceUser()).contains("minio-user");
        assertThat(p.openFiles()).contains(1048576L);
        assertThat(p.mtu()).contains(9000);
    }

    @Test
    void mistakesNameTheProfileAndTheKey() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 2\nname: x\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("site.yaml: 'version: 1' is required, not 2");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctls: {}\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml: unknown key 'sysctls'");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctl: {vm.swappiness: \"0; reboot\"}\n", "site.yaml"))
                .hasMessageContaining("vm.swappiness: '0; reboot' is not a value");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nlimits: {user: minio-user, nofile: 10}\n", "site.yaml"))
                .hasMessage("site.yaml: limits.nofile: 10 is outside 1024..1073741824");
    }

    @Test
    void aProfileWithoutASectionTunesNothingThere() {
        TuningProfile p = TuningProfiles.parse("version: 1\nname: net-only\nsysctl:\n  net.core.somaxconn: 1024\n", "x.yaml");

        assertThat(p.governor()).isEmpty();
        assertThat(new CpuGovernor(p.name(), null, false).plan(new ReplayContext(new Captured().file(OriginalValues.PATH, null).text()))
                .nothingToDoBecause()).isEqualTo("the profile sets no CPU governor");
    }

    @Test
    void theTunePlaybookLoadsWithTheRunsDefaults() {
        Playbook tune = new PlaybookLoader(TuneSteps.registry(new TuneDefaults("aistor-performance", true, false))).builtIn("tune");

        assertThat(tune.steps()).extracting(s -> s.step().type())
                .containsExactly("sysctl", "cpu-governor", "transparent-hugepages", "nvme-scheduler", "open-file-limit", "nic");
        assertThat(tune.steps().get(0).step().describe()).startsWith("revert sysctl");
        assertThat(new PlaybookLoader(StepRegistry.builtIn()).builtIn("tune").steps().get(0).step().describe())
                .isEqualTo("sysctl (20 keys, /etc/sysctl.d/60-aistor.conf)");
        assertThat(PlaybookLoader.builtInNames()).contains("tune");
    }
}
