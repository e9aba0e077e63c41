package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.facts.facts.SourceReport;
import dev.aistorctl.facts.facts.SourceReport.FailedSource;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab profile must pass on what a Debian 12 systemd-nspawn container on an x86 VM can tell. */
class LabProfileTest {
    private static final HardwareProfile LAB = HardwareProfiles.load("lab");

    /** No nvme-cli, no pciutils, no cpufreq, no SMBIOS; one veth at 10 Gb/s. */
    static HostFacts debianContainer(String hostname) {
        SourceReport sources = new SourceReport(
                List.of("lscpu.json", "cpuinfo.txt", "meminfo.txt", "os-release.txt", "uname.txt", "lsblk.json", "ip-link.json", "net-speed.txt"),
                List.of("cpufreq.txt", "pci-links.txt"),
                List.of(new FailedSource("nvme-list.json", "nvme list -o json", 127, "sh: 1: nvme: not found", true),
                        new FailedSource("lspci-vvv.txt", "lspci -vvv -D -nn", 127, "sh: 1: lspci: not found", true),
                        new FailedSource("dmidecode-memory.txt", "dmidecode -t memory", 127, "sh: 1: dmidecode: not found", true)));
        return new HostFacts(
                new CpuFacts("x86_64", "GenuineIntel", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 1, 2, 2, 2, null, null, 1, 1,
                        null, null, null, List.of("sse4_2", "avx2")),
                new MemoryFacts(4L << 30, 3L << 30, null, null, null),
                null, null,
                List.of(new Nic("lo", null, 65536, null, null, "00:00:00:00:00:00", "UNKNOWN", null, null, null),
                        new Nic("host0", 10_000L, 1500, "veth", null, "6e:5a:00:00:00:01", "UP", "veth", null, true)),
                new OsFacts("debian", "12", "Debian GNU/Linux 12 (bookworm)", "6.1.0-27-amd64", hostname, "x86_64"),
                null, List.of(), sources, null);
    }

    @Test
    void every_lab_rule_passes_or_is_skipped_with_its_reason() {
        List<Finding> findings = HostRules.check(LAB, debianContainer("lab1"));

        assertThat(findings).extracting(Finding::rule)
                .contains("cpu.cores", "memory.total", "nvme.count", "nvme.health", "nic.speed", "os.release", "cpufreq.governor");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isIn(Severity.PASS, Severity.SKIP));
        assertThat(findings).filteredOn(f -> f.severity() == Severity.SKIP).allSatisfy(f -> assertThat(f.message()).startsWith("skipped"));
        assertThat(findings).filteredOn(f -> f.rule().equals("nvme.count")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("nvme list -o json failed (command not found"));
        assertThat(findings).filteredOn(f -> f.rule().equals("nic.speed")).singleElement()
                .satisfies(f -> assertThat(f.device()).isEqualTo("host0"));
    }

    @Test
    void a_lab_host_verifies_without_a_failure() {
        VerifyReport report = HardwareCheck.verify(LAB, Map.of("lab1", debianContainer("lab1")));

        assertThat(report.anyFail()).isFalse();
        assertThat(report.summary().pass()).isEqualTo(1);
    }

    @Test
    void the_lab_profile_does_not_accept_the_wrong_distribution() {
        HostFacts base = debianContainer("lab1");
        HostFacts ubuntu = new HostFacts(base.cpu(), base.memory(), null, null, base.nics(),
                new OsFacts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "6.1.0", "lab1", "x86_64"), null, List.of(), base.sources(), null);

        assertThat(HostRules.check(LAB, ubuntu)).filteredOn(Finding::failed).extracting(Finding::rule).containsExactly("os.release");
    }

    @Test
    void the_reference_profile_refuses_a_lab_container_and_says_why() {
        HardwareProfile reference = HardwareProfiles.load("ampere-altra-m128");

        List<Finding> findings = HostRules.check(reference, debianContainer("lab1"));

        assertThat(findings).filteredOn(Finding::failed).extracting(Finding::rule)
                .contains("cpu.architecture", "cpu.cores", "memory.total", "nvme.count", "nic.speed", "os.release");
        assertThat(findings).filteredOn(f -> f.rule().equals("pcie.downgraded")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("pci-links.txt missing from the capture", "lspci -vvv -D -nn failed"));
        assertThat(findings).filteredOn(f -> f.rule().equals("memory.speed")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
    }
}
