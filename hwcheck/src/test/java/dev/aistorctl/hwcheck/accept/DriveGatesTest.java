package dev.aistorctl.hwcheck.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drive gates on recorded figures: medians, tolerances and the cause named for a slow drive. */
class DriveGatesTest {
    private static final String MICRON = "Micron_7500_MTFDKCC15T3TGP";

    private static DriveThroughput micron(String host, String mount, double read, double write, String fw, String linkNow) {
        return new DriveThroughput(host, mount, "/dev/nvme0n1", MICRON, "SN-" + host + mount, null, fw, linkNow,
                "16.0 GT/s PCIe x4", read, write);
    }

    @Test
    void theFiguresAreAddedToTheJsonOfAGatesFindingOnlyEveryOtherFindingKeepsItsKeys() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Finding judged = DriveGates.judge(HardwareProfiles.builtIn("ampere-altra-m128"),
                List.of(micron("n1", "/data1", 5599, 4720, "E3MQ005", "16.0 GT/s PCIe x4"))).get("n1").get(0);
        var tree = json.readTree(json.writeValueAsString(judged));
        assertThat(tree.get("expected").asText()).isEqualTo("≥ 5600 MB/s read (80 % of spec 7000 MB/s)");
        assertThat(tree.get("measurement").get("measured").asDouble()).isEqualTo(5599);
        assertThat(tree.get("measurement").get("floor").asDouble()).isEqualTo(5600);
        assertThat(tree.get("measurement").get("reference").asDouble()).isEqualTo(7000);
        assertThat(tree.get("measurement").get("reference_kind").asText()).isEqualTo("spec");
        assertThat(tree.get("measurement").get("unit").asText()).isEqualTo("MB/s");
        var plain = json.readTree(json.writeValueAsString(Finding.pass("nic.speed", "200000", "200000", "ok", "eth0")));
        assertThat(plain.fieldNames()).toIterable().containsExactly("rule", "severity", "expected", "actual", "message", "hint", "device");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Median.of(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Median.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Median.of(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void aReferenceDriveAtItsDatasheetFiguresPassesBothGates() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        List<DriveThroughput> drives = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            drives.add(micron("node1", "/data" + i, 6700 + i, 5600 + i, "E3MQ005", "16.0 GT/s PCIe x4"));
        }
        List<Finding> f = DriveGates.judge(ref, drives).get("node1");
        assertThat(f).hasSize(8 * 4).allMatch(x -> x.severity() == Severity.PASS);
    }

    @Test
    void belowEightyPercentOfTheDatasheetFailsTheSpecButNotThePeersWhenAllAreSlow() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        // 5599 < 80 % of 7000 = 5600: every drive alike, so only the spec gate can tell.
        List<DriveThroughput> drives = List.of(micron("n1", "/data1", 5599, 4720, "E3MQ005", "16.0 GT/s PCIe x4"),
                micron("n2", "/data1", 5599, 4720, "E3MQ005", "16.0 GT/s PCIe x4"));
        Map<String, List<Finding>> f = DriveGates.judge(ref, drives);
        assertThat(f.get("n1")).filteredOn(x -> x.rule().equals(DriveGates.SPEC))
                .extracting(Finding::severity).containsExactly(Severity.FAIL, Severity.PASS);
        assertThat(f.get("n1")).filteredOn(x -> x.rule().equals(DriveGates.SPEC)).first()
                .extracting(Finding::expected).isEqualTo("≥ 5600 MB/s read (80 % of spec 7000 MB/s)");
        // The same figures as numbers, for what reads the finding without parsing its text.
        assertThat(f.get("n1")).filteredOn(x -> x.rule().equals(DriveGates.SPEC)).first().extracting(Finding::measurement)
                .isEqualTo(new Measurement("read", 5599, 5600, 7000, Measurement.SPEC, "spec", 0.8, "MB/s"));
        assertThat(f.get("n2")).filteredOn(x -> x.rule().equals(DriveGates.PEERS)).allMatch(x -> x.severity() == Severity.PASS);
    }

    @Test
    void aDriveBelowSeventyPercentOfItsPeersMedianFailsWithItsLinkAsTheCause() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        List<DriveThroughput> drives = new ArrayList<>();
        drives.add(micron("n1", "/data1", 7000, 5900, "E3MQ005", "16.0 GT/s PCIe x4"));
        drives.add(micron("n1", "/data2", 7000, 5900, "E3MQ005", "16.0 GT/s PCIe x4"));
        drives.add(micron("n2", "/data1", 7000, 5900, "E3MQ005", "16.0 GT/s PCIe x4"));
        // An x1 link: about a quarter of the bandwidth, read 1750, write 1750.
        drives.add(micron("n2", "/data2", 1750, 1750, "E3MQ005", "16.0 GT/s PCIe x1"));
        Map<String, List<Finding>> f = DriveGates.judge(ref, drives);
        List<Finding> failed = f.values().stream().flatMap(List::stream).filter(Finding::failed).toList();
        assertThat(failed).isNotEmpty().allMatch(x -> x.device().startsWith("/data2 (/dev/nvme0n1, serial SN-n2/data2)"));
        Finding peers = failed.stream().filter(x -> x.rule().equals(DriveGates.PEERS)).findFirst().orElseThrow();
        // median of 7000, 7000, 7000, 1750 is 7000; 70 % of it is 4900
        assertThat(peers.expected()).isEqualTo("≥ 4900 MB/s read (70 % of median of 4 " + MICRON + " drives 7000 MB/s)");
        assertThat(peers.measurement()).isEqualTo(new Measurement("read", 1750, 4900, 7000, Measurement.MEDIAN,
                "median of 4 " + MICRON + " drives", 0.7, "MB/s"));
        assertThat(peers.hint()).startsWith("its PCIe link runs at 16.0 GT/s PCIe x1 of its 16.0 GT/s PCIe x4");
        assertThat(f.get("n1")).allMatch(x -> x.severity() == Severity.PASS);
    }

    @Test
    void withoutASpecFigureThePeersStillFindTheSlowDriveAndNameTheOddFirmware() {
        HardwareProfile vm = HardwareProfiles.builtIn("lab-vm");
        List<DriveThroughput> drives = List.of(
                micron("a", "/d1", 100, 100, "A1", null), micron("b", "/d1", 101, 99, "A1", null),
                micron("c", "/d1", 98, 102, "A1", null), micron("c", "/d2", 69, 100, "B2", null));
        List<Finding> failed = DriveGates.judge(vm, drives).get("c").stream().filter(Finding::failed).toList();
        // median read of 100, 101, 98, 69 is 99; 69 < 69.3
        assertThat(failed).singleElement().satisfies(x -> {
            assertThat(x.device()).startsWith("/d2");
            assertThat(x.hint()).startsWith("its firmware B2 differs from its peers' A1");
        });
        assertThat(DriveGates.judge(vm, drives).get("a")).noneMatch(x -> x.rule().equals(DriveGates.SPEC));
    }

    @Test
    void aDriveOfAnotherModelHasNoSpecFigureAndIsNotComparedWithTheMicrons() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        DriveThroughput other = new DriveThroughput("n1", "/data9", "/dev/nvme8n1", "Samsung PM9A3", "S1", null, "x", null, null, 900, 900);
        List<Finding> f = DriveGates.judge(ref, List.of(micron("n1", "/data1", 7000, 5900, "E", null), other)).get("n1");
        assertThat(f).filteredOn(x -> x.device().startsWith("/data9")).extracting(Finding::severity)
                .containsExactly(Severity.SKIP, Severity.PASS);
    }
}
