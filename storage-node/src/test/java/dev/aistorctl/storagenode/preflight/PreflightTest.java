package dev.aistorctl.storagenode.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.storagenode.node.ElfHeaders;
import dev.aistorctl.storagenode.node.ElfMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pre-flight findings from what nodes print, as the survey script prints it. */
class PreflightTest {
    private static final Map<String, String> ADDRESSES = Map.of("n1", "10.0.0.11", "n2", "10.0.0.12");

    private static String survey(String active, String port, String mount1, String df1, String format1, String n1, String n2) {
        return String.join("\n",
                "== active", active,
                "== stamp",
                "== arch", "x86_64",
                "== nr_open", "1048576",
                "== port", port,
                "== binary", "",
                "== config", "",
                "== mount /mnt/drive1", mount1,
                "== df /mnt/drive1", df1,
                "== format /mnt/drive1", format1,
                "== getent n1", n1,
                "== getent n2", n2, "");
    }

    private static NodeSurvey healthy(String host) {
        return NodeSurvey.parse(host, survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11       n1", "10.0.0.12       n2"));
    }

    private static List<PreflightFinding> evaluate(NodeSurvey... surveys) {
        return Preflight.evaluate(List.of(surveys), ADDRESSES, List.of(), 9000, Set.of());
    }

    @Test
    void readyNodesHaveNoFindings() {
        NodeSurvey s = healthy("n1");
        assertThat(s.mounts()).singleElement().satisfies(m -> {
            assertThat(m.mounted()).isTrue();
            assertThat(m.fstype()).isEqualTo("xfs");
            assertThat(m.availBytes()).isEqualTo(2_000_000_000L);
        });
        assertThat(evaluate(s, healthy("n2"))).isEmpty();
    }

    @Test
    void anUnmountedDataPathKeepsTheSerialItsFstabMarkerNames() {
        String text = survey("active", "", "", "", "", "10.0.0.11 n1", "10.0.0.12 n2").replace("== mount /mnt/drive1",
                String.join("\n", "== fstab", "UUID=0a3b / ext4 defaults 0 1",
                        "# aistorctl data drive 1 of cluster dc1, serial VMN1D3 (written by aistorctl drives prepare)",
                        "LABEL=1a2b3c4dd01 /mnt/drive1 xfs defaults,nofail 0 2", "== mount /mnt/drive1"));

        NodeSurvey s = NodeSurvey.parse("n1", text);

        assertThat(s.mounts()).singleElement().satisfies(m -> {
            assertThat(m.mounted()).isFalse();
            assertThat(m.driveSerial()).isEqualTo("VMN1D3");
        });
        assertThat(healthy("n1").mounts().get(0).driveSerial()).as("no fstab section: not known").isEmpty();
    }

    @Test
    void aDataPathNotMountedOrNotXfsIsRefused() {
        NodeSurvey unmounted = NodeSurvey.parse("n1", survey("inactive", "", "", "", "", "10.0.0.11 n1", "10.0.0.12 n2"));
        NodeSurvey ext4 = NodeSurvey.parse("n2", survey("inactive", "", "/mnt/drive1 ext4", "2000000000 2130000000", "",
                "10.0.0.11 n1", "10.0.0.12 n2"));

        assertThat(evaluate(unmounted, ext4)).extracting(PreflightFinding::host, PreflightFinding::check).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n1", "data-path"), org.assertj.core.groups.Tuple.tuple("n2", "data-path"));
        assertThat(evaluate(unmounted).get(0).cause()).contains("not a mounted filesystem", "root filesystem");
        assertThat(evaluate(ext4).get(0).cause()).contains("ext4, not XFS");
    }

    @Test
    void anEarlierDeploymentIsRefusedUnlessNamedForWiping() {
        NodeSurvey s = NodeSurvey.parse("n1", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000",
                "/mnt/drive1/minio/.minio.sys/format.json", "10.0.0.11 n1", "10.0.0.12 n2"));

        assertThat(evaluate(s)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("earlier-deployment");
            assertThat(f.hint()).contains("--wipe n1:/mnt/drive1");
        });
        assertThat(Preflight.evaluate(List.of(s), ADDRESSES, List.of(), 9000, Set.of("n1:/mnt/drive1"))).isEmpty();
    }

    @Test
    void namesMustResolveToTheNodesAddressNeverToLoopback() {
        NodeSurvey loopback = NodeSurvey.parse("n1", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "127.0.1.1 n1", "10.0.0.12 n2"));
        NodeSurvey missing = NodeSurvey.parse("n2", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11 n1", ""));

        List<PreflightFinding> findings = evaluate(loopback, missing);

        assertThat(findings).extracting(PreflightFinding::check).containsOnly("name-resolution");
        assertThat(findings).anySatisfy(f -> assertThat(f.toString()).startsWith("n1:").contains("127.0.1.1", "loopback"));
        assertThat(findings).anySatisfy(f -> assertThat(f.toString()).startsWith("n2:").contains("n2 does not resolve"));
    }

    @Test
    void nodesThatDisagreeOnANameAreNamedWhenTheInventoryUsesNames() {
        NodeSurvey a = NodeSurvey.parse("n1", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11 n1", "10.0.0.12 n2"));
        NodeSurvey b = NodeSurvey.parse("n2", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.99 n1", "10.0.0.12 n2"));

        List<PreflightFinding> findings = Preflight.evaluate(List.of(a, b), Map.of("n1", "n1", "n2", "n2"), List.of(), 9000, Set.of());

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.toString()).startsWith("n2: name-resolution").contains("10.0.0.99", "10.0.0.11 on n1"));
    }

    @Test
    void somethingElseOnTheApiPortIsFoundOnlyWhileTheServiceIsNotRunning() {
        String listener = "LISTEN 0      4096         0.0.0.0:9000      0.0.0.0:*";
        NodeSurvey before = NodeSurvey.parse("n1", survey("inactive", listener, "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11 n1", "10.0.0.12 n2"));
        NodeSurvey running = NodeSurvey.parse("n1", survey("active", listener, "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11 n1", "10.0.0.12 n2"));

        assertThat(evaluate(before)).singleElement().satisfies(f -> assertThat(f.check()).isEqualTo("port-in-use"));
        assertThat(evaluate(running)).isEmpty();
    }

    @Test
    void aFullDriveAndALowOpenFileCeilingAreFound() {
        String text = survey("inactive", "", "/mnt/drive1 xfs", "1048576 2130000000", "", "10.0.0.11 n1", "10.0.0.12 n2")
                .replace("1048576\n== port", "65536\n== port");
        assertThat(evaluate(NodeSurvey.parse("n1", text))).extracting(PreflightFinding::check)
                .containsExactlyInAnyOrder("open-files", "free-space");
    }

    @Test
    void clockSkewAllowsForTheRoundTrip() {
        // n2 reads 4 s ahead, but its answer took 3 s to arrive: up to 1.5 s of that is the trip, not the clock.
        ClockSample n1 = new ClockSample("n1", 1000.0, 999.9, 1000.1);
        ClockSample within = new ClockSample("n2", 1004.0, 1000.5, 1003.5);
        ClockSample ahead = new ClockSample("n2", 1010.0, 1000.0, 1000.2);

        assertThat(Preflight.clockSkew(List.of(n1, within))).isEmpty();
        assertThat(Preflight.clockSkew(List.of(n1, ahead))).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("n2");
            assertThat(f.cause()).contains("ahead of n1");
        });
    }

    @Test
    void differingBinariesAcrossNodesAreNamed() {
        String sha1 = "a".repeat(64);
        String sha2 = "b".repeat(64);
        NodeSurvey a = NodeSurvey.parse("n1", survey("active", "", "", "", "", "", "").replace("== binary\n",
                "== binary\n" + sha1 + "  /usr/local/bin/minio\n"));
        NodeSurvey b = NodeSurvey.parse("n2", survey("active", "", "", "", "", "", "").replace("== binary\n",
                "== binary\n" + sha2 + "  /usr/local/bin/minio\n"));

        assertThat(Preflight.consistency(List.of(a, b))).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("n2");
            assertThat(f.check()).isEqualTo("same-binary");
        });
    }

    @Test
    void theSurveyReadsTheHostsArchitecture() {
        assertThat(healthy("n1").machine()).isEqualTo("x86_64");
        assertThat(NodeSurvey.parse("n1", "== active\ninactive\n").machine()).as("an older host's survey without the section").isEmpty();
        assertThat(NodeSurvey.command(9000, "/usr/local/bin/minio", "/etc/default/minio", "M=", List.of(), List.of())
                .argv().get(2)).contains("echo \"== arch\"; uname -m");
    }

    @Test
    void aBinaryForAnotherArchitectureIsRefusedNamingTheHostAndBothArchitectures() {
        NodeSurvey arm = NodeSurvey.parse("n2", survey("inactive", "", "/mnt/drive1 xfs", "2000000000 2130000000", "",
                "10.0.0.11 n1", "10.0.0.12 n2").replace("x86_64", "aarch64"));
        Optional<ElfMachine> x86 = ElfMachine.read(ElfHeaders.x86_64());

        List<PreflightFinding> findings = Preflight.architecture(List.of(healthy("n1"), arm), x86, "/srv/minio");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("n2");
            assertThat(f.check()).isEqualTo("architecture");
            assertThat(f.cause()).isEqualTo("the server binary /srv/minio is built for x86_64 (ELF 64-bit LSB, e_machine 62),"
                    + " but this host is aarch64 (uname -m)");
            assertThat(f.hint()).isEqualTo("give node.binary a build for aarch64");
        });
        assertThat(Preflight.architecture(List.of(arm), ElfMachine.read(ElfHeaders.aarch64()), "/srv/minio")).isEmpty();
    }

    @Test
    void aBinaryWithoutAnElfMachineIsNotJudgedAndAHostThatDoesNotSayIsAFinding() {
        NodeSurvey silent = NodeSurvey.parse("n1", "== active\ninactive\n== arch\n");
        assertThat(Preflight.architecture(List.of(silent), Optional.empty(), "s3proxy.jar")).isEmpty();
        assertThat(Preflight.architecture(List.of(silent), ElfMachine.read(ElfHeaders.aarch64()), "/srv/minio"))
                .singleElement().satisfies(f -> assertThat(f.cause()).contains("did not say its architecture"));
    }
}
