package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.StepPlan;
import org.junit.jupiter.api.Test;

class OtherStepsTest {
    private static final String CPU = "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor";

    @Test
    void aGovernorPerCpuIsOneChangeWithTheUnitAndItsBootLink() {
        Captured c = new Captured();
        for (int i = 0; i < 4; i++) {
            c.value("governor", String.format(CPU, i), "ok", "schedutil", "");
        }
        c.value("available", CpuGovernor.AVAILABLE, "ok", "performance schedutil", "")
                .file(CpuGovernor.UNIT, null).link(CpuGovernor.WANTS, null).file(OriginalValues.PATH, null);
        ReplayContext host = new ReplayContext(c.text());
        CpuGovernor step = new CpuGovernor("p", "performance", false);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).extracting(Change::what, Change::before, Change::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("scaling_governor of 4 CPUs", "schedutil", "performance"),
                org.assertj.core.groups.Tuple.tuple(CpuGovernor.UNIT, "(absent)", plan.changes().get(1).after()),
                org.assertj.core.groups.Tuple.tuple(CpuGovernor.WANTS, "(absent)", CpuGovernor.UNIT));
        assertThat(host.changeScripts().get(0)).contains("w /sys/devices/system/cpu/cpu3/cpufreq/scaling_governor performance",
                "ln -sfn " + CpuGovernor.UNIT + " " + CpuGovernor.WANTS, CpuGovernor.RELOAD_SYSTEMD);
    }

    @Test
    void noCpufreqIsNotApplicable() {
        ReplayContext host = new ReplayContext(new Captured().file(CpuGovernor.UNIT, null).link(CpuGovernor.WANTS, null)
                .file(OriginalValues.PATH, null).text());

        StepPlan plan = new CpuGovernor("p", "performance", false).plan(host);

        assertThat(plan.nothingToDoBecause()).startsWith("not applicable on this host: no cpufreq");
    }

    @Test
    void readOnlySysfsLeavesHugePagesAloneAndWritesNoTmpfilesFile() {
        String dir = TransparentHugePages.DIR;
        ReplayContext host = new ReplayContext(new Captured()
                .value("enabled", dir + "enabled", "refused", "always [madvise] never", "read-only here")
                .value("defrag", dir + "defrag", "refused", "always defer defer+madvise [madvise] never", "read-only here")
                .value("khugepaged/max_ptes_none", dir + "khugepaged/max_ptes_none", "refused", "511", "read-only here")
                .file(TransparentHugePages.FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = new TransparentHugePages("p", new TuningProfile.HugePages("madvise", "defer+madvise", 0), false).plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(host.notes()).hasSize(3).allMatch(n -> n.endsWith("(read-only here)"));
    }

    @Test
    void hugePagesCompareTheBracketedChoice() {
        String dir = TransparentHugePages.DIR;
        ReplayContext host = new ReplayContext(new Captured()
                .value("enabled", dir + "enabled", "ok", "always [madvise] never", "")
                .value("defrag", dir + "defrag", "ok", "always defer defer+madvise [madvise] never", "")
                .value("khugepaged/max_ptes_none", dir + "khugepaged/max_ptes_none", "ok", "511", "")
                .file(TransparentHugePages.FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = new TransparentHugePages("p", new TuningProfile.HugePages("madvise", "defer+madvise", 0), false).plan(host);

        assertThat(plan.changes()).extracting(Change::what, Change::before, Change::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("transparent_hugepage/defrag", "madvise", "defer+madvise"),
                org.assertj.core.groups.Tuple.tuple("transparent_hugepage/khugepaged/max_ptes_none", "511", "0"),
                org.assertj.core.groups.Tuple.tuple(TransparentHugePages.FILE, "(absent)", plan.changes().get(2).after()));
    }

    @Test
    void noNvmeIsNothingToDoAndNoRule() {
        ReplayContext host = new ReplayContext(new Captured().file(BlockQueueScheduler.RULE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = new BlockQueueScheduler("p", "none", false).plan(host);

        assertThat(plan.nothingToDoBecause()).isEqualTo("no NVMe drives on this host");
    }

    @Test
    void nvmeNamespacesGetTheSchedulerAndTheRuleButMultipathPathsDoNot() {
        ReplayContext host = new ReplayContext(new Captured()
                .value("scheduler", "/sys/block/nvme0n1/queue/scheduler", "ok", "[mq-deadline] kyber none", "")
                .value("scheduler", "/sys/block/nvme1n1/queue/scheduler", "ok", "[none] mq-deadline kyber", "")
                .value("scheduler", "/sys/block/nvme1c1n1/queue/scheduler", "ok", "[mq-deadline] none", "")
                .file(BlockQueueScheduler.RULE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = new BlockQueueScheduler("p", "none", false).plan(host);

        assertThat(plan.changes()).extracting(Change::what).containsExactly("I/O scheduler of 1 NVMe namespaces", BlockQueueScheduler.RULE);
        assertThat(plan.changes().get(0).before()).isEqualTo("mq-deadline");
    }

    @Test
    void theMtuIsReportedNotChangedUnlessAsked() {
        String ring = """
                Ring parameters for eth0:
                Pre-set maximums:
                RX:		8192
                TX:		8192
                Current hardware settings:
                RX:		1024
                TX:		8192
                """;
        String read = new Captured().output("mtu eth0", 0, "1500\n").output("ring eth0", 0, ring).file(OriginalValues.PATH, null).text();

        StepPlan reported = new LinkMtu(9000, false, false).plan(new ReplayContext(read));
        StepPlan applied = new LinkMtu(9000, true, false).plan(new ReplayContext(read));

        assertThat(reported.nothingToDoBecause()).isEqualTo("eth0: MTU 1500 (profile: 9000; changed only with --apply-mtu, "
                + "as it can cut the connection), rings rx 1024 of 8192, tx 8192 of 8192 (below the maximum: ethtool -G can raise them)");
        assertThat(applied.changes()).containsExactly(Change.of(ChangeKey.of("mtu", "eth0"), "eth0 MTU", "1500", "9000"));
    }
}
