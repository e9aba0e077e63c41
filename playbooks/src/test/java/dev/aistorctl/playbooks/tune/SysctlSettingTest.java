package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.text.UnifiedDiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.StepPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysctlSettingTest {
    private static final String FILE = SysctlSetting.FILE;

    private static Map<String, String> wanted() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vm.swappiness", "0");
        m.put("net.core.somaxconn", "65535");
        m.put("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        m.put("net.core.netdev_budget", "600");
        return m;
    }

    private static SysctlSetting step(boolean revert) {
        return new SysctlSetting("aistor-performance", wanted(), FILE, revert);
    }

    @Test
    void aServerWhereHalfTheKeysDifferPlansExactlyThoseWithBeforeAndAfter() {
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("vm.swappiness", "60")
                .sysctl("net.core.somaxconn", "65535")
                .sysctl("net.ipv4.tcp_rmem", "4096 131072 6291456")
                .sysctl("net.core.netdev_budget", "600")
                .file(FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = step(false).plan(host);

        assertThat(plan.changes()).containsExactly(
                Change.of(ChangeKey.of("value", "/proc/sys/vm/swappiness"), "sysctl vm.swappiness", "60", "0"),
                Change.of(ChangeKey.of("value", "/proc/sys/net/ipv4/tcp_rmem"), "sysctl net.ipv4.tcp_rmem", "4096 131072 6291456", "4096 1048576 67108864"),
                Change.of(ChangeKey.of("file", FILE), FILE, "(absent)", "4 setting lines, sha256 " + new Target(Target.Kind.FILE, "x", "x", null, FILE, null, null, null)
                        .show(SysctlSetting.render("aistor-performance", wanted())).split("sha256 ")[1])
                        // The plan shows the file it writes, in full since the host has none.
                        .withDiff(UnifiedDiff.of(FILE, null, SysctlSetting.render("aistor-performance", wanted()))));
        assertThat(plan.changes().get(2).diff()).contains("+vm.swappiness = 0\n", "+net.ipv4.tcp_rmem = 4096 1048576 67108864\n");
        assertThat(host.commands()).as("all keys and files read in one command").hasSize(1);
    }

    @Test
    void valuesPrintedWithTabsEqualTheProfilesSpaces() {
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("vm.swappiness", "0")
                .sysctl("net.core.somaxconn", "65535")
                .sysctl("net.ipv4.tcp_rmem", "4096\t1048576\t67108864")
                .sysctl("net.core.netdev_budget", "600")
                .file(FILE, SysctlSetting.render("aistor-performance", wanted())).file(OriginalValues.PATH, null).text());

        StepPlan plan = step(false).plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.nothingToDoBecause()).isEqualTo("4 settings and 1 persisted file already as wanted");
    }

    @Test
    void keysTheKernelLacksOrRefusesAreNotApplicableAndLeftOutOfTheFile() {
        ReplayContext host = new ReplayContext(new Captured()
                .refused("vm.swappiness", "60", "sh: 1: cannot create /proc/sys/vm/swappiness: Read-only file system")
                .sysctl("net.core.somaxconn", "4096")
                .sysctl("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                .absent("net.core.netdev_budget")
                .file(FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = step(false).plan(host);

        Map<String, String> applicable = new LinkedHashMap<>();
        applicable.put("net.core.somaxconn", "65535");
        applicable.put("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        String file = SysctlSetting.render("aistor-performance", applicable);
        assertThat(plan.changes()).extracting(Change::what).containsExactly("sysctl net.core.somaxconn", FILE);
        assertThat(host.notes()).containsExactly(
                "not applicable on this host: sysctl vm.swappiness (Read-only file system)",
                "not applicable on this host: sysctl net.core.netdev_budget (not in this kernel)");
        assertThat(file).doesNotContain("vm.swappiness", "netdev_budget");

        step(false).apply(host, plan);
        String script = host.changeScripts().get(0);
        assertThat(script).contains("w /proc/sys/net/core/somaxconn 65535", "p /etc/sysctl.d/60-aistor.conf ")
                .doesNotContain("swappiness", "netdev_budget");
    }

    @Test
    void aConvergedHostWithKeysItCannotTakeSaysWhichAndWhy() {
        ReplayContext host = new ReplayContext(new Captured()
                .refused("vm.swappiness", "60", "sh: 1: cannot create /proc/sys/vm/swappiness: Read-only file system")
                .sysctl("net.core.somaxconn", "65535")
                .sysctl("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                .absent("net.core.netdev_budget")
                .file(FILE, SysctlSetting.render("aistor-performance", Map.of("net.core.somaxconn", "65535",
                        "net.ipv4.tcp_rmem", "4096 1048576 67108864")))
                .file(OriginalValues.PATH, null).text());

        // Map.of has no order, so the file would differ: build it in the step's order.
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("net.core.somaxconn", "65535");
        ordered.put("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        host = new ReplayContext(host.run(new ReadScript().command()).stdoutText()
                .replaceAll("F\t/etc/sysctl.d/60-aistor.conf\t\\S+", "F\t/etc/sysctl.d/60-aistor.conf\t+"
                        + Captured.b64(SysctlSetting.render("aistor-performance", ordered))));

        StepPlan plan = step(false).plan(host);

        assertThat(plan.nothingToDoBecause()).isEqualTo("2 settings and 1 persisted file already as wanted; "
                + "not applicable on this host: sysctl vm.swappiness (Read-only file system), "
                + "sysctl net.core.netdev_budget (not in this kernel)");
    }

    @Test
    void anXfsKeyIsPersistedWithTheModuleThatProvidesItLoadedBeforeSystemdSysctlRuns() {
        Map<String, String> xfs = Map.of("fs.xfs.xfssyncd_centisecs", "72000");
        SysctlSetting step = new SysctlSetting("aistor-performance", xfs, FILE, false);
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("fs.xfs.xfssyncd_centisecs", "3000")
                .file(FILE, null).file(SysctlSetting.MODULES_FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = step.plan(host);

        assertThat(plan.changes()).extracting(Change::what).containsExactly("sysctl fs.xfs.xfssyncd_centisecs", FILE,
                SysctlSetting.MODULES_FILE);
        step.apply(host, plan);
        assertThat(host.changeScripts().get(0)).contains(SysctlSetting.MODULES_FILE, Captured.b64(SysctlSetting.modules("aistor-performance", java.util.Set.of("xfs"))));
        assertThat(SysctlSetting.modules("aistor-performance", java.util.Set.of("xfs"))).endsWith("\nxfs\n");

        ReplayContext converged = new ReplayContext(new Captured()
                .sysctl("fs.xfs.xfssyncd_centisecs", "72000")
                .file(FILE, SysctlSetting.render("aistor-performance", xfs))
                .file(SysctlSetting.MODULES_FILE, SysctlSetting.modules("aistor-performance", java.util.Set.of("xfs")))
                .file(OriginalValues.PATH, null).text());
        assertThat(step.plan(converged).nothingToDoBecause()).isEqualTo("1 setting and 2 persisted files already as wanted");
    }

    @Test
    void theReadLoadsTheModuleOfAnXfsKeySoAPlanMadeBeforeTheFirstXfsMountHoldsAfterIt() {
        String read = new SysctlSetting("aistor-performance", Map.of("fs.xfs.xfssyncd_centisecs", "72000"), FILE, false).read().text();

        assertThat(read).contains("modprobe -q xfs");
        assertThat(read.indexOf("modprobe -q xfs")).isLessThan(read.indexOf("/proc/sys/fs/xfs/xfssyncd_centisecs"));
        assertThat(step(false).read().text()).as("no module for keys of the core kernel").doesNotContain("modprobe");
    }
}
