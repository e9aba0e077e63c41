package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.storagenode.preflight.NodeSurvey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service waits for, read from what systemd printed on a VM host: the survey of a node booted with data
 * drive 3 pulled (its fstab line {@code nofail,x-systemd.device-timeout=3min,x-systemd.before=minio.service}),
 * taken while the drive's device job still ran, and the jobs of the same units started by hand.
 */
class MountWaitTest {
    private static String capture(String name) throws IOException {
        try (InputStream in = MountWaitTest.class.getResourceAsStream("/systemd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void afterABootWithoutDrive3TheServiceWaitsForItsMountUntilTheDeviceTimeout() throws IOException {
        NodeSurvey s = NodeSurvey.parse("node1", capture("survey-boot-with-drive3-missing.txt"));

        assertThat(s.serviceState()).isEqualTo("inactive");
        assertThat(s.mountWaits()).containsExactly(new MountWait("/mnt/drive3", true, "3min", false));
        assertThat(MountWait.describe(s.mountWaits())).isEqualTo("waiting for /mnt/drive3 (its device has not appeared; "
                + "systemd gives up after 3 min, then starts the service without it)");
    }

    @Test
    void aServiceThatNeedsTheMountFailsWhenSystemdGivesUp() throws IOException {
        String text = capture("survey-boot-with-drive3-missing.txt")
                .replace("After=mnt-drive3.mount ", "After=")
                .replace("RequiresMountsFor=\n", "RequiresMountsFor=/mnt/drive3\n");

        assertThat(NodeSurvey.parse("node1", text).mountWaits()).singleElement().satisfies(w -> {
            assertThat(w.required()).isTrue();
            assertThat(w.reason()).isEqualTo("its device has not appeared; systemd gives up after 3 min, then the service fails to start");
        });
    }

    @Test
    void eachMountStillPendingIsNamedInOrderWithItsOwnReason() throws IOException {
        NodeSurvey s = NodeSurvey.parse("node1", capture("jobs-mount-in-progress.txt"));

        assertThat(MountWait.describe(s.mountWaits())).isEqualTo("waiting for /mnt/drive1 (its mount has not finished), "
                + "/mnt/drive3 (its device has not appeared; systemd gives up after 3 min, then starts the service without it)");
    }

    @Test
    void aServiceWithoutAStartJobWaitsForNothing() throws IOException {
        // Stopped by hand, or started and given up: inactive is all there is to say.
        String stopped = capture("survey-boot-with-drive3-missing.txt").replaceAll("(?m)^.*minio\\.service +start.*\n", "");

        assertThat(NodeSurvey.parse("node1", stopped).mountWaits()).isEmpty();
    }

    @Test
    void aMountTheServiceIsNotOrderedAfterIsNotWhatItWaitsFor() throws IOException {
        String unordered = capture("survey-boot-with-drive3-missing.txt").replace("After=mnt-drive3.mount ", "After=");

        assertThat(NodeSurvey.parse("node1", unordered).mountWaits()).isEmpty();
    }

    /** systemctl answering as it did on the VM host booted without drive 3 (its answers in the capture). */
    private static final String SYSTEMCTL_AFTER_A_BOOT_WITHOUT_DRIVE3 = String.join("\n",
            "#!/bin/sh",
            "case \"$*\" in",
            "  'is-active minio.service') echo inactive; exit 3;;",
            "  'list-jobs --no-legend --full --plain') printf '%s\\n' '20  mnt-drive3.mount start waiting' \\",
            "      '111 minio.service start waiting' '21  dev-disk-by\\x2dlabel-9a3162e8d03.device start running';;",
            "  'show -p After -p RequiresMountsFor minio.service') printf 'After=mnt-drive3.mount basic.target mnt-drive1.mount\\nRequiresMountsFor=\\n';;",
            "  'show -p Id -p ActiveState -p What /mnt/drive1') printf 'What=/dev/nvme0n1\\nId=mnt-drive1.mount\\nActiveState=active\\n';;",
            "  'show -p What --value /mnt/drive1') echo /dev/nvme0n1;;",
            "  'show -p Id -p JobRunningTimeoutUSec /dev/nvme0n1') printf 'Id=dev-nvme0n1.device\\nJobRunningTimeoutUSec=1min 30s\\n';;",
            "  'show -p Id -p ActiveState -p What /mnt/drive3') printf 'What=/dev/disk/by-label/9a3162e8d03\\nId=mnt-drive3.mount\\nActiveState=inactive\\n';;",
            "  'show -p What --value /mnt/drive3') echo /dev/disk/by-label/9a3162e8d03;;",
            "  'show -p Id -p JobRunningTimeoutUSec /dev/disk/by-label/9a3162e8d03') printf '%s\\n' 'Id=dev-disk-by\\x2dlabel-9a3162e8d03.device' \\",
            "      'JobRunningTimeoutUSec=3min';;",
            "  *) echo \"systemctl: not expected: $*\" >&2; exit 1;;",
            "esac", "");

    @Test
    void theSurveyScriptAsksSystemdWhatTheParserReads(@TempDir Path dir) throws Exception {
        Path systemctl = dir.resolve("systemctl");
        Files.writeString(systemctl, SYSTEMCTL_AFTER_A_BOOT_WITHOUT_DRIVE3);
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> argv = NodeSurvey.command(9000, dir.resolve("minio").toString(), dir.resolve("env").toString(), "M=",
                List.of("/mnt/drive1", "/mnt/drive3"), List.of()).argv();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out).doesNotContain("not expected");
        assertThat(NodeSurvey.parse("node1", out).mountWaits()).containsExactly(new MountWait("/mnt/drive3", true, "3min", false));
    }

    @Test
    void aRunningServiceIsNotAskedAboutJobs() {
        NodeSurvey s = NodeSurvey.parse("node1", "== active\nactive\n== mount /mnt/drive1\n/mnt/drive1 xfs\n");

        assertThat(s.mountWaits()).isEmpty();
        assertThat(NodeSurvey.command(9000, "/usr/local/bin/minio", "/etc/default/minio", "M=", java.util.List.of(), java.util.List.of())
                .argv().get(2)).contains("if [ \"$active\" != active ]; then", "systemctl list-jobs --no-legend --full --plain",
                        "if [ -n \"$waiting\" ]; then");
    }

    @Test
    void aDeviceWithoutATimeLimitIsSaidSo() {
        assertThat(new MountWait("/mnt/drive2", true, "infinity", false).reason())
                .isEqualTo("its device has not appeared; systemd waits for it without a time limit");
        assertThat(new MountWait("/mnt/drive2", true, "1min 30s", false).reason())
                .startsWith("its device has not appeared; systemd gives up after 1 min 30 s,");
    }
}
