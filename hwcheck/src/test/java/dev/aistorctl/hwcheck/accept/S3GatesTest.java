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

    /** The findings by host, 8 requests in flight per node as accept's default. */
    private static Map<String, List<Finding>> judge(HardwareProfile profile, List<S3Throughput> nodes, Map<String, List<Finding>> others) {
        return S3Gates.byHost(S3Gates.judge(profile, nodes, 8, others));
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
        var f = judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
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
        S3Throughput otherDrives = new S3Throughput("n2", "http://10.0.0.2:9000", 100, 200.0, 1.0, 2.0, 1.0, 2.0, 100, 200, 200000L,
                EIGHT, Collections.nCopies(8, "Samsung PM9A3"));
        S3Throughput slow = new S3Throughput("n3", "http://10.0.0.3:9000", 10, 200.0, 1.0, 2.0, 1.0, 2.0, 100, 200, 200000L, EIGHT, null);
        var f = judge(REF, List.of(noNic, otherDrives, slow), Map.of());
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
        var f = judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
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
        var f = judge(REF, List.of(node("n1", 200000L, 15000, 20000.0), node("n2", 200000L, 16000, 21000.0),
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
        S3Throughput n = new S3Throughput("lab1", "http://10.0.0.1:9000", 60, 90.0, 1.0, 2.0, 1.0, 2.0, 100, 200, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        assertThat(S3Gates.expectation(lab, n).putMbps()).contains(10.0);
        assertThat(S3Gates.expectation(lab, n).getMbps()).contains(20.0);
        S3Throughput shaped = new S3Throughput("lab3", "http://10.0.0.3:9000", 4.5, 90.0, 1.0, 2.0, 1.0, 2.0, 100, 200, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        S3Throughput peer = new S3Throughput("lab2", "http://10.0.0.2:9000", 70, 95.0, 1.0, 2.0, 1.0, 2.0, 100, 200, 10000L,
                List.of("/mnt/drive1"), List.of(""));
        var f = judge(lab, List.of(n, peer, shaped), Map.of());
        assertThat(failed(f, "lab1")).isEmpty();
        assertThat(failed(f, "lab2")).isEmpty();
        assertThat(failed(f, "lab3")).extracting(Finding::rule).containsExactlyInAnyOrder(S3Gates.SPEC, S3Gates.PEERS);
    }

    private static S3Throughput counted(String name, double put, long puts, Double get, long gets) {
        return new S3Throughput(name, "http://10.0.0." + name.charAt(name.length() - 1) + ":9000", put, get, 900.0, 1500.0, 300.0,
                600.0, puts, gets, 10000L, List.of("/mnt/drive1"), List.of(""));
    }

    @Test
    void aNodeJudgedOnTooFewRequestsIsWarnedOfThatNeverFailed() {
        HardwareProfile lab = HardwareProfiles.builtIn("lab");
        // accept --duration 3s on the lab, 16 MiB objects, 8 in flight: one node completed 8 PUTs (one a worker) and read
        // 37 MB/s against a median of 99; its peers completed 18 and 20, below 4 a worker as well.
        List<S3Gates.Judged> judged = S3Gates.judge(lab, List.of(counted("n1", 37, 8, 90.0, 40), counted("n2", 99, 18, 95.0, 40),
                counted("n3", 104, 20, 97.0, 41)), 8, Map.of());

        assertThat(judged).flatExtracting(S3Gates.Judged::findings).noneMatch(Finding::failed);
        Finding warned = judged.get(0).findings().stream().filter(x -> x.severity() == Severity.WARN).findFirst().orElseThrow();
        assertThat(warned.rule()).isEqualTo(S3Gates.PEERS);
        assertThat(warned.message()).isEqualTo("http://10.0.0.1:9000: PUT: too few requests to judge: 8 < 32; use a longer --duration");
        assertThat(warned.measurement()).isNull();
        // The spec's gate stands aside on the same figure; GET, with 40 requests a node, is judged by both.
        assertThat(judged.get(0).findings()).filteredOn(x -> x.rule().equals(S3Gates.SPEC)).extracting(Finding::severity)
                .containsExactly(Severity.SKIP, Severity.PASS);
        assertThat(judged).extracting(S3Gates.Judged::put).containsOnly(Severity.WARN);
        assertThat(judged).extracting(S3Gates.Judged::get).containsOnly(Severity.PASS);
        assertThat(S3Gates.minRequests(8)).isEqualTo(32);
    }

    @Test
    void aSlowNodeWithFewRequestsAmongPeersWithManyIsJudged() {
        HardwareProfile lab = HardwareProfiles.builtIn("lab");
        // The median node completed 200: the 10 of the third are its slowness, not a short phase.
        List<S3Gates.Judged> judged = S3Gates.judge(lab, List.of(counted("n1", 99, 200, 90.0, 180), counted("n2", 104, 210, 95.0, 190),
                counted("n3", 4, 10, 94.0, 185)), 8, Map.of());

        assertThat(judged.get(2).findings()).filteredOn(Finding::failed).extracting(Finding::rule)
                .containsExactlyInAnyOrder(S3Gates.SPEC, S3Gates.PEERS);
        assertThat(judged.get(2).put()).isEqualTo(Severity.FAIL);
        assertThat(judged.get(2).get()).isEqualTo(Severity.PASS);
    }

    @Test
    void aNodeWithEnoughRequestsIsJudgedOnlyAgainstPeersThatHadEnoughToo() {
        HardwareProfile vm = HardwareProfiles.builtIn("lab-vm");
        List<S3Gates.Judged> judged = S3Gates.judge(vm, List.of(counted("n1", 300, 40, 90.0, 40), counted("n2", 20, 3, 95.0, 40),
                counted("n3", 25, 4, 94.0, 40)), 8, Map.of());

        Finding n1 = judged.get(0).findings().get(0);
        assertThat(n1.severity()).isEqualTo(Severity.PASS);
        assertThat(n1.message()).isEqualTo("http://10.0.0.1:9000: PUT: no other node completed enough requests to compare with");
        assertThat(judged.get(1).findings().get(0).message()).contains("too few requests to judge: 3 < 32");
    }

    @Test
    void aDirectionsVerdictIsTheWorstOfTheFindingsAboutItWhateverTheirWords() {
        S3Throughput noNic = node("n1", null, 15000, 20000.0);
        S3Throughput getSlow = node("n2", 200000L, 15500, 2000.0);
        S3Throughput putOnly = node("n3", 200000L, 16000, null);
        List<S3Gates.Judged> judged = S3Gates.judge(REF, List.of(noNic, getSlow, putOnly), 8, Map.of());

        // No NIC speed: the spec is unknown in both directions (SKIP), the peers pass.
        assertThat(judged.get(0).put()).isEqualTo(Severity.SKIP);
        assertThat(judged.get(0).get()).isEqualTo(Severity.SKIP);
        // GET fails both gates; PUT's findings, about the same node and in the same words but for "PUT", pass.
        assertThat(judged.get(1).put()).isEqualTo(Severity.PASS);
        assertThat(judged.get(1).get()).isEqualTo(Severity.FAIL);
        // No GET phase: no GET verdict; nothing about GET among its findings.
        assertThat(judged.get(2).get()).isNull();
        assertThat(judged.get(2).findings()).noneMatch(x -> x.measurement() != null && x.measurement().direction().equals("GET"));
        assertThat(S3Gates.byHost(judged)).containsOnlyKeys("n1", "n2", "n3");
    }
}
