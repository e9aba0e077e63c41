package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps the arm64 system disk's build to about 12 minutes under emulation: the settings the
 * second stage must already find when it configures the kernel package, the build's I/O, a Packages
 * file cut to the fetched packages (each scan of the whole one cost a minute) and one initrd, made
 * at the end. Without them the build did not finish in 72 minutes.
 */
class Arm64ImageScriptTest {
    private static final String SCRIPT = new String(BaseImage.resource(VmImage.ARM64_SCRIPT), StandardCharsets.UTF_8);
    /** The script run inside the emulated machine, between its here-document markers. */
    private static final String SECOND_STAGE = between("<<STAGE2\n", "\nSTAGE2\n");
    /** Everything the controller does before the emulated machine starts. */
    private static final String BEFORE_SECOND_STAGE = SCRIPT.substring(0, SCRIPT.indexOf("<<STAGE2\n"));

    private static String between(String start, String end) {
        int from = SCRIPT.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int to = SCRIPT.indexOf(end, from);
        assertThat(to).as(end).isGreaterThan(from);
        return SCRIPT.substring(from + start.length(), to);
    }

    @Test
    void theSmallInitrdIsConfiguredInTheTargetBeforeItsPackagesAre() {
        assertThat(BEFORE_SECOND_STAGE)
                .contains("printf 'MODULES=list\\nCOMPRESS=gzip\\n' >\"$root/etc/initramfs-tools/conf.d/lab.conf\"")
                .contains("cat >\"$root/etc/initramfs-tools/hooks/lab-modules\"")
                .contains("chmod 0755 \"$root/etc/initramfs-tools/hooks/lab-modules\"");
        assertThat(SECOND_STAGE).as("set inside the second stage, it would come after the kernel's postinst")
                .doesNotContain("MODULES=list")
                .doesNotContain("/etc/initramfs-tools/modules");
    }

    @Test
    void theHookLoadsWhatARootOnVirtioExt4NeedsAndAnswersItsPrerequisites() {
        String hook = between("hooks/lab-modules\" <<'HOOK'\n", "\nHOOK\n");
        assertThat(hook).startsWith("#!/bin/sh\n")
                .contains("[ \"${1:-}\" = prereqs ] && exit 0")
                .contains(". /usr/share/initramfs-tools/hook-functions")
                .contains("force_load \"$m\"");
        Matcher modules = Pattern.compile("for m in ([a-z0-9_ ]+); do").matcher(hook);
        assertThat(modules.find()).isTrue();
        assertThat(List.of(modules.group(1).split(" "))).contains("virtio_pci", "virtio_blk", "ext4", "crc32c_generic");
    }

    @Test
    void theSecondStageChecksTheInitrdItShipsAndDropsUnsafeIoForTheHosts() {
        assertThat(BEFORE_SECOND_STAGE).contains("echo force-unsafe-io >\"$root/etc/dpkg/dpkg.cfg.d/lab-build-unsafe-io\"");
        int configured = SECOND_STAGE.indexOf("/debootstrap/debootstrap --second-stage");
        int checked = SECOND_STAGE.indexOf("grep -q '/virtio_blk\\.ko' || { echo");
        int dropped = SECOND_STAGE.indexOf("/etc/dpkg/dpkg.cfg.d/lab-build-unsafe-io");
        assertThat(configured).isNotNegative();
        assertThat(checked).isGreaterThan(configured);
        assertThat(dropped).isGreaterThan(checked);
        assertThat(SECOND_STAGE.substring(SECOND_STAGE.lastIndexOf('\n', dropped), dropped)).contains("rm -rf");
    }

    @Test
    void theInitrdIsMadeOnceAfterEveryPackageIsConfigured() {
        int configured = SECOND_STAGE.indexOf("INITRD=No /debootstrap/debootstrap --second-stage");
        int made = SECOND_STAGE.indexOf("update-initramfs -c -k all");
        assertThat(configured).as("the kernel's postinst makes none").isNotNegative();
        assertThat(made).isGreaterThan(configured);
        assertThat(SECOND_STAGE.indexOf("update-initramfs", made + 1)).as("made once").isNegative();
    }

    /** The awk program that cuts the mirror's Packages file down, run on a small one. */
    @Test
    void thePackagesListKeepsExactlyTheFetchedPackagesWholeStanzas(@TempDir Path dir) throws Exception {
        Matcher awk = Pattern.compile("awk '([^']+)' \\\\\n\\s+\"\\$root/debootstrap/debpaths\" \"\\$list\"").matcher(BEFORE_SECOND_STAGE);
        assertThat(awk.find()).as("the Packages file is cut to debootstrap's debpaths before the second stage").isTrue();
        Path debpaths = dir.resolve("debpaths");
        Files.writeString(debpaths, "libc6 /var/cache/apt/archives/libc6_2.36_arm64.deb\n"
                + "lvm2 /var/cache/apt/archives/lvm2_2.03_arm64.deb\n");
        Path packages = dir.resolve("Packages");
        Files.writeString(packages, "Package: libc6\nVersion: 2.36\nDepends: libgcc-s1\n\n"
                + "Package: libc6-dev\nVersion: 2.36\nDepends: libc6\n\n"
                + "Package: lvm2\nVersion: 2.03\nPre-Depends: dmsetup\nDescription: LVM\n tools\n\n"
                + "Package: zsh\nVersion: 5.9\n\n");
        Process p = new ProcessBuilder("awk", awk.group(1), debpaths.toString(), packages.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("Package: libc6\nVersion: 2.36\nDepends: libgcc-s1\n\n"
                + "Package: lvm2\nVersion: 2.03\nPre-Depends: dmsetup\nDescription: LVM\n tools\n\n");
    }

    @Test
    void theBuildsThrowAwayDisksAreWrittenWithoutFlushes() {
        Matcher drives = Pattern.compile("-drive \"([^\"]+)\"").matcher(SCRIPT);
        int n = 0;
        while (drives.find()) {
            assertThat(drives.group(1)).endsWith(",cache=unsafe");
            n++;
        }
        assertThat(n).as("the system disk and the result disk").isEqualTo(2);
    }
}
