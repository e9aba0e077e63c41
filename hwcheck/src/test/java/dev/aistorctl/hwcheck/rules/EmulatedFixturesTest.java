package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules over the facts of the real captures from emulated hardware. */
class EmulatedFixturesTest {
    private static final HardwareProfile REFERENCE = HardwareProfiles.load("ampere-altra-m128");
    private static final HardwareProfile LAB = HardwareProfiles.load("lab");

    private static HostFacts facts(String name) {
        return FactsAssembler.from(CaptureBundle.read(Fixtures.path("emulated/" + name)));
    }

    private static List<Finding> rule(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.rule().equals(id)).toList();
    }

    @Test
    void qemu_nvme_slow_links_fail_by_serial_and_by_pci_address() {
        List<Finding> findings = HostRules.check(REFERENCE, facts("qemu-x86-nvme"));

        List<Finding> links = rule(findings, "nvme.pcie_link");
        assertThat(links).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.FAIL));
        // the capture has no nvme-sysfs.txt, so no drive can be tied to its controller: each serial says why ...
        assertThat(links).filteredOn(f -> f.device().startsWith("MICRON7500-")).extracting(Finding::device)
                .containsExactlyInAnyOrder("MICRON7500-0000", "MICRON7500-0001", "MICRON7500-0002", "MICRON7500-0003");
        assertThat(links).filteredOn(f -> f.device().startsWith("MICRON7500-"))
                .allSatisfy(f -> assertThat(f.message()).contains("PCI address", "nvme-sysfs.txt"));
        // ... and each controller's 2.5 GT/s x1 link still fails by its address
        assertThat(links).filteredOn(f -> f.device().startsWith("0000:")).extracting(Finding::device, Finding::actual)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("0000:01:00.0", "2.5 GT/s (Gen1) x1"),
                        org.assertj.core.groups.Tuple.tuple("0000:02:00.0", "2.5 GT/s (Gen1) x1"),
                        org.assertj.core.groups.Tuple.tuple("0000:03:00.0", "2.5 GT/s (Gen1) x1"),
                        org.assertj.core.groups.Tuple.tuple("0000:04:00.0", "2.5 GT/s (Gen1) x1"));
        // the root ports above them run below their own capability
        assertThat(rule(findings, "pcie.port_downgraded")).extracting(Finding::device, Finding::expected)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("0000:00:03.0", "16 GT/s (Gen4) x4"),
                        org.assertj.core.groups.Tuple.tuple("0000:00:04.0", "16 GT/s (Gen4) x4"),
                        org.assertj.core.groups.Tuple.tuple("0000:00:05.0", "8 GT/s (Gen3) x2"),
                        org.assertj.core.groups.Tuple.tuple("0000:00:06.0", "16 GT/s (Gen4) x32"));
        assertThat(rule(findings, "nvme.model")).hasSize(4).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.actual()).isEqualTo("QEMU NVMe Ctrl");
        });
        assertThat(rule(findings, "nvme.health")).hasSize(4).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(rule(findings, "nic.speed")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PASS);
            assertThat(f.device()).isEqualTo("enp0s2");
        });
        assertThat(rule(findings, "os.release")).singleElement().satisfies(f -> assertThat(f.actual()).isEqualTo("debian 12"));
    }

    @Test
    void qemu_nvme_host_passes_the_lab_profile() {
        assertThat(HostRules.check(LAB, facts("qemu-x86-nvme")))
                .allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isIn(Severity.PASS, Severity.SKIP));
    }

    @Test
    void firecracker_host_unknowns_name_their_failed_sources() {
        List<Finding> findings = HostRules.check(REFERENCE, facts("firecracker-host"));

        assertThat(rule(findings, "memory.speed")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).contains("dmidecode -t memory failed (exit 1: /dev/mem: No such file or directory)");
        });
        assertThat(rule(findings, "memory.total")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("judged from MemTotal");
        });
        assertThat(rule(findings, "cpufreq.governor")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.actual()).isEqualTo("unknown");
        });
        assertThat(rule(findings, "nic.speed")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("eth0 no speed");
        });
        assertThat(rule(findings, "pcie.downgraded")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.actual()).isEqualTo("unknown");
        });
        assertThat(rule(findings, "nvme.count")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.FAIL));
    }

    @Test
    void firecracker_host_passes_the_lab_profile_with_reasons_for_what_it_skips() {
        List<Finding> findings = HostRules.check(LAB, facts("firecracker-host"));

        // the microVM's eth0 runs MTU 1400, not the lab hosts' 1500: the one thing the lab profile warns about
        assertThat(findings).filteredOn(f -> f.severity() == Severity.WARN).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("network.mtu_consistent");
            assertThat(f.actual()).isEqualTo("MTU 1400");
        });
        assertThat(findings).filteredOn(f -> f.severity() != Severity.WARN)
                .allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isIn(Severity.PASS, Severity.SKIP));
        assertThat(findings).filteredOn(f -> f.severity() == Severity.SKIP).isNotEmpty()
                .allSatisfy(f -> assertThat(f.message()).isNotBlank());
    }
}
