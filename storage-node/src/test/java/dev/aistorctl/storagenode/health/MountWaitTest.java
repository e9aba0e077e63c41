package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.storagenode.preflight.NodeSurvey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void theSurveyScriptAsksSystemdWhatTheParserReads(@TempDir Path dir) throws Exception {
        List<String> argv = NodeSurvey.command(9000, dir.resolve("minio").toString(), dir.resolve("env").toString(), "M=",
                List.of("/mnt/drive1", "/mnt/drive3"), List.of()).argv();
        String out = SystemctlAfterABootWithoutDrive3.run(dir, argv);

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
