package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.StepPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** swap (fstab lines commented, swap off, reverted) and bootloader-iommu (GRUB drop-in, pending until reboot). */
class SwapAndBootloaderTest {
    private static final String FSTAB = "# /etc/fstab: static file system information.\n"
            + "UUID=1b2c / ext4 errors=remount-ro 0 1\n"
            + "/swap.img\tnone\tswap\tsw\t0\t0\n"
            + "#/dev/sdb2 none swap sw 0 0\n";
    private static final String SWAPS = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img                               file\t\t8388604\t\t0\t\t-2\n";

    @Test
    void swapLinesAreCommentedAndSwapTurnedOff() {
        ReplayContext host = new ReplayContext(new Captured().file(SwapOff.FSTAB, FSTAB).file("/proc/swaps", SWAPS)
                .file(OriginalValues.PATH, null).text());
        SwapOff step = new SwapOff(true, false);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).extracting(Change::what).containsExactly(SwapOff.FSTAB);
        String script = host.changeScripts().get(0);
        assertThat(script).contains("swapoff -a").contains(OriginalValues.PATH);
        assertThat(SwapOff.commentSwap(FSTAB)).isEqualTo("# /etc/fstab: static file system information.\n"
                + "UUID=1b2c / ext4 errors=remount-ro 0 1\n"
                + SwapOff.MARK + "/swap.img\tnone\tswap\tsw\t0\t0\n"
                + "#/dev/sdb2 none swap sw 0 0\n");
    }

    @Test
    void anFstabWithoutSwapPlansNothing() {
        String noSwap = "UUID=1b2c / ext4 errors=remount-ro 0 1\n";
        ReplayContext host = new ReplayContext(new Captured().file(SwapOff.FSTAB, noSwap).file("/proc/swaps", "Filename Type Size Used Priority\n")
                .file(OriginalValues.PATH, null).text());

        StepPlan plan = new SwapOff(true, false).plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(host.notes()).isEmpty();
    }

    @Test
    void swapOnWithoutAnFstabLineIsNamed() {
        ReplayContext host = new ReplayContext(new Captured().file(SwapOff.FSTAB, "UUID=1b2c / ext4 defaults 0 1\n").file("/proc/swaps", SWAPS)
                .file(OriginalValues.PATH, null).text());

        new SwapOff(true, false).plan(host);

        assertThat(host.notes()).singleElement().asString().contains("swap is active but not in /etc/fstab");
    }

    @Test
    void revertRestoresTheRecordedFstabAndTurnsSwapOn() {
        String record = OriginalValues.empty().recordIfNew("file " + SwapOff.FSTAB, FSTAB).render();
        ReplayContext host = new ReplayContext(new Captured().file(SwapOff.FSTAB, SwapOff.commentSwap(FSTAB)).file("/proc/swaps", "")
                .file(OriginalValues.PATH, record).text());
        SwapOff step = new SwapOff(true, true);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).singleElement().extracting(Change::what).isEqualTo(SwapOff.FSTAB);
        assertThat(host.changeScripts().get(0)).contains("swapon -a -e").contains("rm -f -- " + OriginalValues.PATH);
    }

    @Test
    void revertNeverRemovesAnFstabItDidNotRecord() {
        ReplayContext host = new ReplayContext(new Captured().file(SwapOff.FSTAB, FSTAB).file("/proc/swaps", "")
                .file(OriginalValues.PATH, null).text());

        StepPlan plan = new SwapOff(true, true).plan(host);

        assertThat(plan.isEmpty()).isTrue();
    }

    private static Captured grub(String machine, String dropIn, String cmdline) {
        return new Captured().file(BootloaderIommu.DROP_IN, dropIn).file(BootloaderIommu.GRUB_DEFAULTS, "GRUB_DEFAULT=0\n")
                .file(BootloaderIommu.CMDLINE, cmdline).output("grub.d", 0, "").output("update-grub", 0, "/usr/sbin/update-grub\n")
                .output("machine", 0, machine + "\n").file(OriginalValues.PATH, null);
    }

    @Test
    void arm64GetsIommuPassthroughInAGrubDropInPendingUntilReboot() {
        ReplayContext host = new ReplayContext(grub("aarch64", null, "BOOT_IMAGE=/boot/vmlinuz-5.15.0-46-generic ro quiet\n").text());
        BootloaderIommu step = new BootloaderIommu("aistor-performance", true, false);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).extracting(Change::what, Change::before).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BootloaderIommu.DROP_IN, "(absent)"));
        assertThat(BootloaderIommu.render("p", BootloaderIommu.ARM64_ARG))
                .contains("GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT iommu.passthrough=1\"");
        assertThat(host.changeScripts().get(0)).contains("update-grub");
        assertThat(host.notes()).singleElement().asString().startsWith("pending: iommu.passthrough=1 takes effect at the next reboot");
    }

    @Test
    void x86GetsIommuPtAndOnceBootedWithItNothingIsPending() {
        String dropIn = BootloaderIommu.render("aistor-performance", BootloaderIommu.X86_ARG);
        ReplayContext host = new ReplayContext(grub("x86_64", dropIn, "BOOT_IMAGE=/vmlinuz ro iommu=pt quiet\n").text());

        StepPlan plan = new BootloaderIommu("aistor-performance", true, false).plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(host.notes()).isEmpty();
    }

    @Test
    void withoutGrubNothingIsWrittenAndTheArgumentIsNamed() {
        ReplayContext host = new ReplayContext(new Captured().file(BootloaderIommu.DROP_IN, null).file(BootloaderIommu.GRUB_DEFAULTS, null)
                .file(BootloaderIommu.CMDLINE, "ro\n").output("grub.d", 1, "").output("update-grub", 127, "")
                .output("machine", 0, "aarch64\n").file(OriginalValues.PATH, null).text());

        StepPlan plan = new BootloaderIommu("p", true, false).plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.nothingToDoBecause()).contains("not applicable on this host")
                .contains("no GRUB here (/etc/default/grub is missing): set iommu.passthrough=1 on the kernel command line by hand");
        assertThat(host.changeScripts()).isEmpty();
    }

    @Test
    void revertRemovesTheDropInAndUpdatesGrub() {
        String dropIn = BootloaderIommu.render("p", BootloaderIommu.ARM64_ARG);
        ReplayContext host = new ReplayContext(grub("aarch64", dropIn, "ro iommu.passthrough=1\n").text());
        BootloaderIommu step = new BootloaderIommu("p", true, true);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).extracting(Change::after).containsExactly("(absent)");
        assertThat(host.changeScripts().get(0)).contains("rm -f -- " + BootloaderIommu.DROP_IN).contains("update-grub");
        assertThat(List.of(plan)).isNotEmpty();
    }
}
