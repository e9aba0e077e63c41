package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * provision --accept's failing end, on three blank lab hosts with two drives each. One drive of one host is made slow
 * from outside the lab, by this machine's cgroup v1 block I/O throttle of its loop device (reads and writes), before
 * provision starts: provision installs a healthy cluster, then its acceptance stage finds exactly that drive below its
 * peers, and provision ends accept_failed (exit 3) with FAIL in that host's ACCEPT cell and PASS in the others';
 * provision.json and accept.json name the host, the mount, the loop device and its image. The throttle is lifted
 * whatever happens.
 */
@Tag("lab")
class ProvisionAcceptFailIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far below what a loop device moves alone (hundreds of MB/s) and than the lab profile's peers' floor (25 %). */
    private static final long FIVE_MB = 5L << 20;
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("accfail", 3, 2).withOwnHome();

    @Test
    void aThrottledDriveFailsAcceptanceAndProvisionEndsAcceptFailedNamingHostAndDrive() throws IOException {
        LabHost slowHost = lab.node(2);
        // The second drive: the S3Proxy flavour's node serves the first only, so the S3 part does not feel the throttle.
        LabDrive slowDrive = slowHost.dataDrives().get(1);
        String throttle = LabHosts.throttleReadsAndWrites(slowDrive.device(), FIVE_MB);
        long start = System.nanoTime();
        CliRun run;
        try {
            assertThat(LabHosts.throttles()).contains(throttle + " " + FIVE_MB);
            run = CliRun.of("provision", "-i", lab.inventory().toString(), "--yes", "--wipe-drives", "--accept",
                    "--accept-duration", "3s");
        } finally {
            LabHosts.unthrottle(throttle);
        }
        System.err.printf("provision --accept with a throttled drive: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(LabHosts.throttles()).as("the throttle is lifted").doesNotContain(throttle + " ");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err()).contains("acceptance failed");
        assertThat(run.out()).containsPattern("HOST +DRIVES +TUNE +NODE +HEALTH +ACCEPT");
        for (LabHost h : lab.state().hosts()) {
            String cell = h == slowHost ? "FAIL drives" : "PASS";
            assertThat(run.out()).as(h.name()).containsPattern("(?m)^" + Pattern.quote(h.name()) + " .* healthy, S3 verified +"
                    + cell + " *$");
        }

        String drive = "/mnt/drive2 (" + slowDrive.device() + ", image " + slowDrive.backingFile() + ")";
        Path provisionJson = AcceptS3IT.provisionJson(run.err(), lab.home());
        JsonNode doc = JSON.readTree(Files.readString(provisionJson));
        assertThat(doc.get("outcome").asText()).isEqualTo("accept_failed");
        JsonNode section = doc.get("accept");
        assertThat(section.get("exit_code").asInt()).isEqualTo(3);
        assertThat(section.get("unmeasured")).isEmpty();
        List<String> failing = new ArrayList<>();
        section.get("failing").forEach(f -> failing.add(f.asText()));
        assertThat(failing).as(section.toString()).isNotEmpty()
                .allSatisfy(f -> assertThat(f).startsWith(slowHost.name() + " accept.drive_").endsWith(" " + drive))
                .contains(slowHost.name() + " accept.drive_peers " + drive);

        JsonNode accepted = JSON.readTree(Files.readString(provisionJson.resolveSibling(section.get("file").asText())));
        List<String> failed = new ArrayList<>();
        accepted.get("findings").fields().forEachRemaining(e -> e.getValue().forEach(f -> {
            if (f.get("severity").asText().equals("FAIL")) {
                failed.add(e.getKey() + " " + f.get("rule").asText() + " " + f.get("device").asText() + " | " + f.get("hint").asText());
                assertThat(f.get("measurement").get("measured").asDouble()).as(f.toString())
                        .isLessThan(f.get("measurement").get("floor").asDouble());
            }
        }));
        assertThat(failed).as("every failing finding").isNotEmpty().allSatisfy(f -> assertThat(f)
                .startsWith(slowHost.name() + " accept.drive_").contains(" " + drive + " | ").contains("cgroup blkio throttling"));
        assertThat(accepted.get("drives")).hasSize(3);
        assertThat(accepted.get("s3").get("nodes")).hasSize(3);
        assertThat(accepted.get("s3").get("skipped")).isEmpty();
    }
}
