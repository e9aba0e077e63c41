package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.StepRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theBuiltInNetdevBudgetTimeIsOneAKernelTickingAt250HzAccepts() {
        // Kernels refuse a poll budget shorter than two ticks (EINVAL): at HZ=250, as Debian 12 builds it, 8000 us.
        long twoTicksAtHz250 = 2 * 1_000_000 / 250;

        long usecs = Long.parseLong(TuningProfiles.resolve("aistor-performance").sysctl().get("net.core.netdev_budget_usecs"));

        assertThat(usecs).isGreaterThanOrEqualTo(twoTicksAtHz250);
    }

    @Test
    void mistakesNameTheProfileTheLineAndTheKey() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 2\nname: x\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("site.yaml:1:10: 'version: 1' is required, not 2");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctls: {}\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:3:1: unknown key 'sysctls'");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctl: {vm.swappiness: \"0; reboot\"}\n", "site.yaml"))
                .hasMessageContaining("vm.swappiness: '0; reboot' is not a value");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nlimits: {user: minio-user, nofile: 10}\n", "site.yaml"))
                .hasMessage("site.yaml:3:36: limits.nofile: 10 is outside 1024..1073741824");
    }

    @Test
    void anUnknownKeyIsLocatedWithTheLikelyKey() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctls: {}\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("site.yaml:3:1: unknown key 'sysctls' in the tuning profile; did you mean 'sysctl'?");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\ncpu:\n  govenor: performance\n", "site.yaml"))
                .hasMessage("site.yaml:4:3: unknown key 'govenor' in cpu; did you mean 'governor'?");
    }

    @Test
    void aDuplicateKeyIsRefusedWhereItIsWrittenAgain() {
        // Profiles were loaded into plain maps, where the second vm.swappiness silently won.
        String twice = "version: 1\nname: x\nsysctl:\n  vm.swappiness: 0\n  vm.swappiness: 10\n";
        assertThatThrownBy(() -> TuningProfiles.parse(twice, "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("site.yaml:5:3: duplicate key 'vm.swappiness' in sysctl (first at line 4); remove one of them; YAML keeps only the last, silently");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nname: y\n", "site.yaml"))
                .hasMessageStartingWith("site.yaml:3:1: duplicate key 'name' in the tuning profile (first at line 2)");
    }

    @Test
    void aValueOfTheWrongTypeIsLocated() {
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nsysctl: [vm.swappiness]\n", "site.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("site.yaml:3:9: sysctl must be a mapping (key: value lines), not a list");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nnic: {mtu: [9000]}\n", "site.yaml"))
                .hasMessage("site.yaml:3:12: 'nic.mtu' must be a single value, not a list");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nnic: {mtu: jumbo}\n", "site.yaml"))
                .hasMessage("site.yaml:3:12: nic.mtu: 'jumbo' is not a whole number");
        assertThatThrownBy(() -> TuningProfiles.parse("version: 1\nname: x\nlimits: {nofile: 1048576}\n", "site.yaml"))
                .hasMessage("site.yaml:3:9: 'limits.user' must be a single value");
    }

    @Test
    void valuesMeanWhatTheyMeantWhenProfilesWereLoadedIntoMaps() {
        TuningProfile p = TuningProfiles.parse("version: 1\nname: x\nsysctl:\n  vm.swappiness: 0x0A\n  vm.dirty_ratio: 1_0\n"
                + "  net.ipv4.tcp_rmem: \"4096\t1048576  67108864\"\nnic: {mtu: 9_000}\n", "site.yaml");

        assertThat(p.sysctl()).containsEntry("vm.swappiness", "10").containsEntry("vm.dirty_ratio", "10")
                .containsEntry("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        assertThat(p.mtu()).contains(9000);
    }

    @Test
    void aFileIsReadWithTheSharedLimits(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("latin1.yaml");
        Files.write(bad, "version: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TuningProfiles.resolve(bad.toString())).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(bad + ":2:10: invalid UTF-8: byte 0xE9");
        assertThatThrownBy(() -> TuningProfiles.resolve(dir.resolve("none.yaml").toString()))
                .hasMessageStartingWith("cannot read tuning profile " + dir.resolve("none.yaml"));
    }

    @Test
    void aProfileWithoutASectionTunesNothingThere() {
        TuningProfile p = TuningProfiles.parse("version: 1\nname: net-only\nsysctl:\n  net.core.somaxconn: 1024\n", "x.yaml");

        assertThat(p.governor()).isEmpty();
        assertThat(new CpuGovernor(p.name(), null, false).plan(new ReplayContext(new Captured().file(OriginalValues.PATH, null).text()))
                .nothingToDoBecause()).isEqualTo("the profile sets no CPU governor");
    }

    @Test
    void theBuiltInProfileTurnsSwapOffAndAsksForIommuPassthrough() {
        TuningProfile p = TuningProfiles.resolve("aistor-performance");

        assertThat(p.swapOff()).isTrue();
        assertThat(p.iommuPassthrough()).isTrue();
        assertThat(TuningProfiles.parse("version: 1\nname: x\nswap:\n  off: false\n", "x.yaml").swapOff()).isFalse();
    }

    @Test
    void theTunePlaybookLoadsWithTheRunsDefaults() {
        Playbook tune = new PlaybookLoader(TuneSteps.registry(new TuneDefaults("aistor-performance", true, false))).builtIn("tune");

        assertThat(tune.steps()).extracting(s -> s.step().type())
                .containsExactly("sysctl", "cpu-governor", "transparent-hugepages", "nvme-scheduler", "open-file-limit", "swap",
                        "bootloader-iommu", "nic");
        assertThat(tune.steps().get(0).step().describe()).startsWith("revert sysctl");
        assertThat(new PlaybookLoader(StepRegistry.builtIn()).builtIn("tune").steps().get(0).step().describe())
                .isEqualTo("sysctl (20 keys, /etc/sysctl.d/60-aistor.conf)");
        assertThat(PlaybookLoader.builtInNames()).contains("tune");
    }
}
