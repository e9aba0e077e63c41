package dev.aistorctl.hwcheck.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.Measurement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 gates on recorded figures: min(NIC, drives) as the spec, the peers' median, and the cause joined from the other parts. */
class S3GatesTest {
    private static final String MICRON = "Micron_7500_MTFDKCC15T3TGP";
    private static final List<String> EIGHT = List.of("/mnt/drive1", "/mnt/drive2", "/mnt/drive3", "/mnt/drive4", "/mnt/drive5",
            "/mnt/drive6", "/mnt/drive7", "/mnt/drive8");
    private static final HardwareProfile REF = HardwareProfiles.builtIn("ampere-altra-m128");

    private static S3Throughput node(String name, Long nic, double put, Double get) {
        return new S3Throughput(name, "http://10.0.0." + name.charAt(name.length() - 1) + ":9000", put, get, 40.0, 90.0, 20.0, 50.0,
                100, 200, nic, EIGHT, Collections.nCopies(8, MICRON));
    }

    private static List<Finding> failed(Map<String, List<Finding>> f, String host) {
        return f.get(host).stream().filter(Finding::failed).toList();
    }

    @Test
    void theSpecIsTheSmallerOfTheNicAndTheDrivesSum() {
        S3Gates.Expectation full = S3Gates.expectation(REF, node("n1", 200000L, 0, 0.0));
        assertThat(full.putMbps()).contains(25000.0);
        assertThat(full.getMbps()).contains(25000.0);
        // Behind 400 Gb/s the drives bound it: 8 x 5900 write, 8 x 7000 read.
        S3Gates.Expectation fat = S3Gates.expectation(REF, node("n1", 400000L, 0, 0.0));
        assertThat(fat.putMbps()).contains(47200.0);
        assertThat(fat.getMbps()).contains(50000.0);
        assertThat(fat.basisPut()).isEqualTo("min(NIC 400000 Mb/s = 50000 MB/s, 8 drives × 5900 MB/s write)");
    }

    @Test
    void nodesNearTheirExpectationPassAndASlowOneFailsBothGatesWithItsFigures() {
        var f = S3Gates.judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
                node("n3", 200000L, 4000, 20500.0)), Map.of());
        assertThat(failed(f, "n1")).isEmpty();
        assertThat(failed(f, "n2")).isEmpty();
        assertThat(f.get("n1")).hasSize(4).allMatch(x -> x.severity() == Severity.PASS);
        List<Finding> n3 = failed(f, "n3");
        assertThat(n3).extracting(Finding::rule).containsExactlyInAnyOrder(S3Gates.SPEC, S3Gates.PEERS);
        assertThat(n3).allSatisfy(x -> {
            assertThat(x.actual()).isEqualTo("4000 MB/s");
            assertThat(x.device()).isEqualTo("http://10.0.0.3:9000");
            assertThat(x.message()).startsWith("http://10.0.0.3:9000: PUT with every node loaded 4000 MB/s");
            assertThat(x.hint()).contains("not measured in this run");
        });
        assertThat(n3).filteredOn(x -> x.rule().equals(S3Gates.SPEC)).first()
                .satisfies(x -> assertThat(x.expected()).isEqualTo("≥ 12500 MB/s PUT (50 % of min(NIC 200000 Mb/s = 25000 MB/s, "
                        + "8 drives × 5900 MB/s write) 25000 MB/s)"));
        assertThat(n3).filteredOn(x -> x.rule().equals(S3Gates.PEERS)).first()
                .satisfies(x -> assertThat(x.expected()).isEqualTo("≥ 10500 MB/s PUT (70 % of median of 3 nodes 15000 MB/s)"));
        assertThat(n3).filteredOn(x -> x.rule().equals(S3Gates.SPEC)).first().extracting(x -> x.measurement().reference())
                .isEqualTo(25000.0);
        assertThat(n3).filteredOn(x -> x.rule().equals(S3Gates.PEERS)).first().extracting(Finding::measurement)
                .isEqualTo(new Measurement("PUT", 4000, 10500, 15000, Measurement.MEDIAN, "median of 3 nodes", 0.7, "MB/s"));
    }

    @Test
    void withoutANicSpeedOrAKnownDriveModelTheSpecSaysWhatIsUnknownAndThePeersStillJudge() {
        S3Throughput noNic = node("n1", null, 100, 200.0);
        S3Throughput otherDrives = new S3Throughput("n2", "http://10.0.0.2:9000", 100, 200.0, 1.0, 2.0, 1.0, 2.0, 1, 1, 200000L,
                EIGHT, Collections.nCopies(8, "Samsung PM9A3"));
        S3Throughput slow = new S3Throughput("n3", "http://10.0.0.3:9000", 10, 200.0, 1.0, 2.0, 1.0, 2.0, 1, 1, 200000L, EIGHT, null);
        var f = S3Gates.judge(REF, List.of(noNic, otherDrives, slow), Map.of());
        assertThat(f.get("n1")).filteredOn(x -> x.rule().equals(S3Gates.SPEC))
                .hasSize(2).allSatisfy(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.SKIP);
                    assertThat(x.message()).contains("the node gives no negotiated NIC speed");
                });
        assertThat(f.get("n2")).filteredOn(x -> x.rule().equals(S3Gates.SPEC))
                .allSatisfy(x -> assertThat(x.message()).contains("no figure for drive model Samsung PM9A3"));
        assertThat(f.get("n3")).filteredOn(x -> x.rule().equals(S3Gates.SPEC))
                .allSatisfy(x -> assertThat(x.message()).contains("the node's drives are not known"));
        assertThat(failed(f, "n3")).extracting(Finding::rule).containsExactly(S3Gates.PEERS);
        assertThat(failed(f, "n1")).isEmpty();
    }

    @Test
    void aSlowNodeWhoseNetworkOrServedDriveFailedTooIsNamedWithThatCause() {
        Finding network = new Finding(NetworkGates.PEERS, Severity.FAIL, "≥ 1 Mb/s", "40 Mb/s",
                "eth0 (10.0.0.3): receive with every peer at once 40 Mb/s", "look for traffic shaping (a tc qdisc)", "eth0 (10.0.0.3)");
        Finding drive = new Finding(DriveGates.PEERS, Severity.FAIL, "≥ 1 MB/s", "5 MB/s",
                "/mnt/drive2 (/dev/nvme1n1, serial S2): sequential write 5 MB/s", "cgroup blkio throttling",
                "/mnt/drive2 (/dev/nvme1n1, serial S2)");
        Finding otherDrive = new Finding(DriveGates.PEERS, Severity.FAIL, "≥ 1 MB/s", "5 MB/s",
                "/mnt/drive9 (/dev/nvme9n1, serial S9): sequential write 5 MB/s", "old firmware", "/mnt/drive9 (/dev/nvme9n1, serial S9)");
        var f = S3Gates.judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
                node("n3", 200000L, 400, 20500.0)), Map.of("n3", List.of(network, drive, otherDrive)));
        assertThat(failed(f, "n3")).isNotEmpty().allSatisfy(x -> assertThat(x.hint())
                .contains("its network failed too (eth0 (10.0.0.3): receive with every peer at once 40 Mb/s): look for traffic shaping")
                .contains("a drive the server writes to failed too (/mnt/drive2")
                .doesNotContain("drive9"));
    }

    @Test
    void aSlowNodeWhoseOtherPartsPassedPointsAtTheServerAndANodeWithoutGetIsJudgedOnPut() {
        Finding networkPass = Finding.pass(NetworkGates.PEERS, "x", "y", "z", "eth0 (10.0.0.3)");
        Finding drivePass = Finding.pass(DriveGates.PEERS, "x", "y", "z", "/mnt/drive1");
        var f = S3Gates.judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
                node("n3", 200000L, 400, null)), Map.of("n3", List.of(networkPass, drivePass)));
        List<Finding> n3 = failed(f, "n3");
        assertThat(n3).hasSize(2).allSatisfy(x -> {
            assertThat(x.message()).contains("PUT");
            assertThat(x.hint()).startsWith("its network and drives passed: look at the server");
        });
        assertThat(f.get("n3")).noneMatch(x -> x.message().contains("GET"));
        assertThat(failed(f, "n1")).isEmpty();
    }

    @Test
    void theLabProfileJudgesAgainstOneLoopDriveBehindAVeth() {
        HardwareProfile lab = HardwareProfiles.builtIn("lab");
        S3Throughput n = new S3Throughput("lab1", "http://10.0.0.1:9000", 60, 90.0, 1.0, 2.0, 1.0, 2.0, 1, 1, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        assertThat(S3Gates.expectation(lab, n).putMbps()).contains(10.0);
        assertThat(S3Gates.expectation(lab, n).getMbps()).contains(20.0);
        S3Throughput shaped = new S3Throughput("lab3", "http://10.0.0.3:9000", 4.5, 90.0, 1.0, 2.0, 1.0, 2.0, 1, 1, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        S3Throughput peer = new S3Throughput("lab2", "http://10.0.0.2:9000", 70, 95.0, 1.0, 2.0, 1.0, 2.0, 1, 1, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        var f = S3Gates.judge(lab, List.of(n, peer, shaped), Map.of());
        assertThat(failed(f, "lab1")).isEmpty();
        assertThat(failed(f, "lab2")).isEmpty();
        assertThat(failed(f, "lab3")).extracting(Finding::rule).containsExactlyInAnyOrder(S3Gates.SPEC, S3Gates.PEERS);
    }
}
