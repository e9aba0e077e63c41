package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.SystemTuning;
import dev.aistorctl.facts.facts.SystemTuning.Iommu;
import dev.aistorctl.facts.facts.SystemTuning.NumaPlacement;
import dev.aistorctl.facts.facts.SystemTuning.TimeSync;
import dev.aistorctl.facts.parse.PingParser.PingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system-tuning sources, over real captures (x86 build machine, lab host, published Altra and chrony outputs). */
class SystemTuningParsersTest {
    private static final String FIRECRACKER = "emulated/firecracker-host/";

    @Test
    void altraCommandLineBootsWithIommuPassthrough() {
        List<String> args = KernelCmdlineParser.parse(Fixtures.read("real/cmdline/altra-ubuntu2204-5.15-fdio-csit.txt"));
        assertThat(args).first().isEqualTo("BOOT_IMAGE=/boot/vmlinuz-5.15.0-46-generic");
        assertThat(KernelCmdlineParser.value(args, "iommu.passthrough")).contains("1");
        assertThat(KernelCmdlineParser.value(args, "iommu")).isEmpty();
        // hugepagesz is given twice: the last one counts
        assertThat(KernelCmdlineParser.value(args, "hugepagesz")).contains("2M");
        assertThat(KernelCmdlineParser.value(args, "nosoftlockup")).contains("");
    }

    @Test
    void x86CommandLineStopsAtTheInitArguments() {
        List<String> args = KernelCmdlineParser.parse(Fixtures.read(FIRECRACKER + "cmdline.txt"));
        assertThat(KernelCmdlineParser.value(args, "pti")).contains("on");
        assertThat(args).contains("--", "--auth-required");
        // "--addr" after "--" belongs to init and is not a kernel argument
        assertThat(KernelCmdlineParser.value(args, "--addr")).isEmpty();
    }

    @Test
    void quotedValuesKeepTheirBlanks() {
        assertThat(KernelCmdlineParser.parse("root=/dev/sda1 dyndbg=\"file foo.c +p\" quiet\n"))
                .containsExactly("root=/dev/sda1", "dyndbg=\"file foo.c +p\"", "quiet");
    }

    @Test
    void transparentHugePagesSelectedMode() {
        assertThat(ThpParser.parse(Fixtures.read(FIRECRACKER + "thp.txt"))).isEqualTo("madvise");
        assertThat(ThpParser.parse("[always] madvise never\n")).isEqualTo("always");
        assertThatThrownBy(() -> ThpParser.parse("always madvise never")).hasMessageContaining("no selected mode");
    }

    @Test
    void noIommuIsAnEmptyFileAndAFact() {
        Iommu none = IommuParser.parse(Fixtures.read(FIRECRACKER + "iommu.txt"));
        assertThat(none.units()).isEmpty();
        assertThat(none.translates()).isFalse();
    }

    @Test
    void iommuGroupTypesCounted() {
        Iommu x = IommuParser.parse("unit\tdmar0\nunit\tdmar1\ngroup\t0\tDMA-FQ\ngroup\t1\tDMA-FQ\ngroup\t2\tidentity\n");
        assertThat(x.units()).containsExactly("dmar0", "dmar1");
        assertThat(x.groupTypes()).isEqualTo(Map.of("DMA-FQ", 2, "identity", 1));
        assertThat(x.translates()).isTrue();
        assertThat(IommuParser.parse("unit\tsmmu3.0x0000100000\ngroup\t0\tidentity\n").translates()).isFalse();
        assertThatThrownBy(() -> IommuParser.parse("dmar0\n")).hasMessageContaining("not a unit or group line");
    }

    @Test
    void timedatectlOfALabHostWithoutNtp() {
        TimeSync t = TimeSyncParser.timedatectl(Fixtures.read("emulated/nspawn-debian12/timedatectl.txt"));
        assertThat(t.synchronised()).isFalse();
        assertThat(t.service()).isEqualTo("NTP=no");
        assertThat(t.source()).isEqualTo("timedatectl");
        assertThatThrownBy(() -> TimeSyncParser.timedatectl("Timezone=UTC\n")).hasMessageContaining("NTPSynchronized");
    }

    @Test
    void chronySynchronisedToAServer() {
        TimeSync t = TimeSyncParser.chronyTracking(Fixtures.read("real/chrony/ubuntu2004-chronyc-tracking-synchronised.txt"));
        assertThat(t.synchronised()).isTrue();
        assertThat(t.reference()).isEqualTo("2D40B9B4 (s180.blued.co.th)");
        assertThat(t.service()).isEqualTo("leap status Normal");
    }

    @Test
    void chronyWithoutASource() {
        TimeSync t = TimeSyncParser.chronyTracking(Fixtures.read(FIRECRACKER + "chronyc-tracking.txt"));
        assertThat(t.synchronised()).isFalse();
        assertThat(t.reference()).isNull();
        assertThat(TimeSyncParser.chronyTracking("")).as("chronyc not installed").isNull();
    }

    @Test
    void numaOfASingleNodeVm() {
        NumaPlacement n = NumaNodesParser.parse(Fixtures.read(FIRECRACKER + "numa-nodes.txt"));
        assertThat(n.nodes()).isEqualTo(1);
        assertThat(n.nics()).as("virtio device without numa_node").isEmpty();
        NumaPlacement two = NumaNodesParser.parse("node\tnode0\nnode\tnode1\nnvme\tnvme0\t0\nnvme\tnvme1\t1\nnet\tenp1s0f0\t1\nnet\teth9\t-1\n");
        assertThat(two.nodes()).isEqualTo(2);
        assertThat(two.nvme()).isEqualTo(Map.of("nvme0", 0, "nvme1", 1));
        assertThat(two.nics()).isEqualTo(Map.of("enp1s0f0", 1));
        assertThatThrownBy(() -> NumaNodesParser.parse("")).hasMessageContaining("no NUMA node");
    }

    @Test
    void pingAJumboFrameThatCrosses() {
        PingResult r = ping("ok-9000");
        assertThat(r.crossed()).isTrue();
        assertThat(r.transmitted()).isEqualTo(3);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.problem()).isNull();
    }

    @Test
    void pingTooBigForTheSendersLink() {
        PingResult r = ping("too-long");
        assertThat(r.crossed()).isFalse();
        assertThat(r.mtu()).isEqualTo(1500);
        assertThat(r.problem()).contains("sender's own link has MTU 1500");
    }

    @Test
    void pingTooBigForTheReceiversLink() {
        PingResult r = ping("lost");
        assertThat(r.crossed()).isFalse();
        assertThat(r.mtu()).isNull();
        assertThat(r.problem()).contains("no reply to 3 don't-fragment probes").contains("No buffer space available");
    }

    @Test
    void pingThatNeverRan() {
        PingResult r = PingParser.parse("", "sh: 1: ping: not found\n", 127);
        assertThat(r.crossed()).isFalse();
        assertThat(r.problem()).contains("exit 127").contains("ping: not found");
    }

    @Test
    void bundleFillsSystemTuning() {
        HostFacts f = FactsAssembler.from(CaptureBundle.read(Fixtures.path("emulated/firecracker-host")));
        SystemTuning t = f.systemTuning();
        assertThat(t).isNotNull();
        assertThat(t.transparentHugepages()).isEqualTo("madvise");
        assertThat(t.swapActive()).isEmpty();
        assertThat(t.iommu().units()).isEmpty();
        assertThat(t.timeSync().source()).as("chrony preferred over timedatectl").isEqualTo("chronyc");
        assertThat(t.numa().nodes()).isEqualTo(1);
        assertThat(f.sources().whyUnknown("timedatectl.txt")).get().asString().contains("exit 1");
    }

    private static PingResult ping(String name) {
        String dir = "emulated/ping-mtu/" + name;
        return PingParser.parse(Fixtures.read(dir + ".stdout"), Fixtures.read(dir + ".stderr"),
                Integer.parseInt(Fixtures.read(dir + ".exit").strip()));
    }
}
