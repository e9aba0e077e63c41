package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis printed for a node that does not answer says what its service waits for, in the same words as
 * {@code status}, instead of a bare "inactive" while a data drive's device timeout runs.
 */
class ServiceDiagnosisTest {
    private static final String WAITING_FOR_DRIVE3 = "inactive, waiting for /mnt/drive3 (its device has not appeared; "
            + "systemd gives up after 3 min, then starts the service without it)";

    private static String capture(String name) throws IOException {
        try (InputStream in = ServiceDiagnosisTest.class.getResourceAsStream("/systemd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aServiceQueuedBehindAMissingDriveSaysWhatItWaitsFor() throws IOException {
        // The survey's capture holds the same sections the diagnosis asks for (active, jobs, unit, systemd MOUNT).
        ServiceDiagnosis d = ServiceDiagnosis.parse("node1", capture("survey-boot-with-drive3-missing.txt"), "");

        assertThat(d.active()).isEqualTo("inactive");
        assertThat(d.mountWaits()).containsExactly(new MountWait("/mnt/drive3", true, "3min", false));
        assertThat(d.explained()).isEqualTo(WAITING_FOR_DRIVE3);
    }

    @Test
    void theDiagnosisScriptAsksSystemdWhatTheParserReads(@TempDir Path dir) throws Exception {
        String out = SystemctlAfterABootWithoutDrive3.run(dir, ServiceDiagnosis.state(List.of("/mnt/drive1", "/mnt/drive3")).argv());

        assertThat(ServiceDiagnosis.parse("node1", out, "").explained()).isEqualTo(WAITING_FOR_DRIVE3);
    }

    @Test
    void aFailedServiceWithoutAStartJobIsJustFailed() {
        ServiceDiagnosis d = ServiceDiagnosis.parse("node1", "== active\nfailed\n", "minio[812]: ERROR Unable to use the drive");

        assertThat(d.mountWaits()).isEmpty();
        assertThat(d.explained()).isEqualTo("failed");
        assertThat(d.journalTail()).contains("Unable to use the drive");
    }

    @Test
    void noAnswerIsUnknownNotEmpty() {
        assertThat(ServiceDiagnosis.parse("node1", "", "").explained()).isEqualTo("unknown");
    }
}
