package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.parse.FstabParser;
import dev.aistorctl.facts.parse.MountInfoParser;
import dev.aistorctl.facts.parse.SysctlParser;
import dev.aistorctl.facts.parse.SysfsValuesParser;
import dev.aistorctl.facts.parse.ToolVersionsParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulated captures as whole bundles: every file in them feeds the facts asserted here. */
class EmulatedBundlesTest {

    private static CaptureBundle bundle(String name) {
        return CaptureBundle.read(Fixtures.path("emulated/" + name));
    }

    @Test
    void qemuNvmeHostFacts() {
        HostFacts f = FactsAssembler.from(bundle("qemu-x86-nvme"));

        assertThat(f.cpu().threads()).isEqualTo(2);
        assertThat(f.cpu().modelName()).isEqualTo("QEMU TCG CPU version 2.5+");
        assertThat(f.cpu().biosModelName()).isEqualTo("pc-q35-7.2  CPU @ 2.0GHz");
        assertThat(f.memory().totalBytes()).isEqualTo(2012012L * 1024);
        assertThat(f.memory().dimms()).singleElement().satisfies(d -> assertThat(d.sizeBytes()).isEqualTo(2L << 30));
        assertThat(f.system().manufacturer()).isEqualTo("QEMU");
        assertThat(f.os().id()).isEqualTo("debian");
        assertThat(f.os().versionId()).isEqualTo("12");
        assertThat(f.os().kernel()).isEqualTo("6.1.0-50-amd64");
        assertThat(f.os().machine()).isEqualTo("x86_64");

        // nvme-cli 2.3 lists newest first; health from each controller's smart log (323 K = 50 C)
        assertThat(f.nvme()).extracting(NvmeDrive::serial)
                .containsExactly("MICRON7500-0003", "MICRON7500-0002", "MICRON7500-0001", "MICRON7500-0000");
        assertThat(f.nvme()).extracting(NvmeDrive::sizeBytes)
                .containsExactly(16L << 30, 12L << 30, 8L << 30, 4L << 30);
        assertThat(f.nvme()).allSatisfy(d -> {
            assertThat(d.firmware()).isEqualTo("7.2.22");
            assertThat(d.health().criticalWarning()).isZero();
            assertThat(d.health().mediaErrors()).as("a string in this nvme-cli").isZero();
            assertThat(d.health().temperatureCelsius()).isEqualTo(50);
        });

        // sysfs says the root ports run below their capability; lspci does not mark it
        PciDevice port = f.pci().stream().filter(p -> p.address().equals("0000:00:05.0")).findFirst().orElseThrow();
        assertThat(port.description()).contains("QEMU PCIe Root port");
        assertThat(port.link().speedGts()).isEqualTo(2.5);
        assertThat(port.link().maxSpeedGts()).isEqualTo(8.0);
        assertThat(port.link().maxWidth()).isEqualTo(2);
        assertThat(port.link().downgraded()).isTrue();
        assertThat(f.pci()).filteredOn(p -> "010802".equals(p.classCode())).hasSize(4)
                .allSatisfy(p -> assertThat(p.link().downgraded()).isFalse());
        assertThat(f.pci()).filteredOn(p -> p.address().startsWith("0000:00:0") && p.link() != null
                && p.classCode().equals("060400")).hasSize(4).allSatisfy(p -> assertThat(p.link().downgraded()).isTrue());

        Nic nic = f.nics().stream().filter(n -> n.name().equals("enp0s2")).findFirst().orElseThrow();
        assertThat(nic.speedMbps()).isEqualTo(200_000L);
        assertThat(nic.mtu()).isEqualTo(1500);
        assertThat(nic.linkDetected()).isTrue();
        assertThat(nic.pciAddress()).as("virtio bus, not PCI, per ip link").isNull();

        assertThat(f.cpufreq().governors()).as("no cpufreq under emulation").isEmpty();
        assertThat(f.cpufreq().driver()).isNull();

        BlockDevice data = f.blockDevices().stream().filter(b -> b.name().equals("nvme1n1")).findFirst().orElseThrow();
        assertThat(data.fstype()).isEqualTo("ext4");
        assertThat(data.mountpoints()).containsExactly("/srv/data");
        assertThat(f.sources().failed()).extracting(s -> s.file()).containsExactlyInAnyOrder("net-speed.txt", "cpufreq.txt");
        assertThat(f.sources().present()).contains("nvme-list.json", "nvme-smart-log-nvme3.json", "pci-links.txt");
    }

    /** An arm64 VM lab host (lab up --kind vm --arch arm64): a real aarch64 kernel, no SMBIOS. */
    @Test
    void qemuArm64VmLabHostFacts() {
        HostFacts f = FactsAssembler.from(bundle("qemu-vm-arm64"));

        assertThat(f.cpu().architecture()).isEqualTo("aarch64");
        assertThat(f.cpu().vendor()).isEqualTo("ARM");
        assertThat(f.cpu().modelName()).isEqualTo("Neoverse-N1");
        assertThat(f.cpu().coreType()).isEqualTo("Neoverse-N1");
        assertThat(f.cpu().sockets()).as("lscpu prints Socket(s): - and one cluster").isEqualTo(1);
        assertThat(f.cpu().cores()).isEqualTo(1);
        assertThat(f.cpu().flags()).contains("asimd", "atomics", "crc32");
        assertThat(f.os().machine()).isEqualTo("aarch64");
        assertThat(f.os().kernel()).isEqualTo("6.1.0-50-arm64");
        assertThat(f.os().versionId()).isEqualTo("12");
        assertThat(f.memory().totalBytes()).isEqualTo(761270272L);
        assertThat(f.memory().dimms()).as("no SMBIOS without UEFI: unknown, not zero").isNull();
        assertThat(f.system()).isNull();

        assertThat(f.nvme()).extracting(NvmeDrive::serial).containsExactly("ARM1N1D2", "ARM1N1D1");
        assertThat(f.nvme()).allSatisfy(d -> {
            assertThat(d.model()).isEqualTo("QEMU NVMe Ctrl");
            assertThat(d.firmware()).isEqualTo("7.2.22");
            assertThat(d.sizeBytes()).isEqualTo(2L << 30);
            assertThat(d.health().mediaErrors()).isZero();
        });
        assertThat(f.pci()).filteredOn(p -> "010802".equals(p.classCode())).hasSize(2)
                .allSatisfy(p -> assertThat(p.link().speedGts()).isEqualTo(2.5));
        assertThat(f.pci()).filteredOn(p -> "060400".equals(p.classCode())).hasSize(2)
                .allSatisfy(p -> assertThat(p.link().downgraded()).as("each port matches its drive").isFalse());

        Nic nic = f.nics().stream().filter(n -> n.name().equals("enp0s4")).findFirst().orElseThrow();
        assertThat(nic.speedMbps()).isEqualTo(200_000L);
        assertThat(nic.driver()).isEqualTo("virtio_net");
        assertThat(f.cpufreq().governors()).as("no cpufreq under emulation").isEmpty();

        BlockDevice vda = f.blockDevices().stream().filter(b -> b.name().equals("vda")).findFirst().orElseThrow();
        assertThat(vda.partitionTable()).isEqualTo("gpt");
        assertThat(vda.children()).extracting(BlockDevice::label).containsExactly("labboot", "labroot");
        assertThat(f.sources().failed()).isEmpty();
    }

    @Test
    void firecrackerHostWhereMostSourcesAreMissing() {
        HostFacts f = FactsAssembler.from(bundle("firecracker-host"));

        assertThat(f.cpu().threads()).isEqualTo(2);
        assertThat(f.cpu().modelName()).isEqualTo("AMD EPYC");
        assertThat(f.memory().totalBytes()).isEqualTo(24684096L * 1024);
        assertThat(f.memory().dimms()).as("no SMBIOS: unknown, not zero").isNull();
        assertThat(f.system()).isNull();
        assertThat(f.nvme()).as("nvme list failed; lsblk shows no NVMe namespace").isEmpty();
        assertThat(f.sources().whyUnknown("nvme-list.json")).hasValueSatisfying(s ->
                assertThat(s).contains("nvme list -o json", "exit 1", "Failed to scan topology"));
        assertThat(f.sources().whyUnknown("dmidecode-memory.txt")).hasValueSatisfying(s ->
                assertThat(s).contains("/dev/mem: No such file or directory"));
        assertThat(f.pci()).hasSize(6).allSatisfy(p -> assertThat(p.link()).isNull());
        assertThat(f.nics()).extracting(Nic::name).containsExactly("ifb0", "ifb1", "eth0");
        Nic eth0 = f.nics().get(2);
        assertThat(eth0.speedMbps()).as("sysfs -1 and ethtool Unknown!").isNull();
        assertThat(eth0.mtu()).isEqualTo(1400);
        assertThat(f.nics().get(0).kind()).isEqualTo("ifb");
        assertThat(f.blockDevices()).extracting(BlockDevice::name).containsExactly("zram0", "vda");
        assertThat(f.blockDevices().get(1).mountpoints()).contains("/");
        assertThat(f.os().kernel()).isEqualTo("6.18.44-fc-v595");
    }

    @Test
    void exitCodesAndStderrFilesAreReadIntoTheBundle() {
        CaptureBundle b = bundle("firecracker-host");
        assertThat(b.entry("ethtool-ifb0.txt").orElseThrow().exitCode()).isEqualTo(75);
        assertThat(b.entry("nvme-list.json").orElseThrow().source()).isEqualTo("nvme list -o json");
        assertThat(b.entry("nvme-list.json").orElseThrow().stderrFile()).isEqualTo("nvme-list.json.err");
        assertThat(b.stderr("lspci-vvv.txt")).hasValue("lspci: Unable to load libkmod resources: error -2\n");
        assertThat(b.stderr("nvme-smart-log-nvme0.json").orElseThrow()).startsWith("/dev/nvme0: No such file");
    }

    @Test
    void sysctlMountsFstabAndVersions() {
        CaptureBundle q = bundle("qemu-x86-nvme");
        Map<String, String> sysctl = SysctlParser.parse(q.text("sysctl.txt").orElseThrow());
        assertThat(sysctl).as("1001 lines, dev.cdrom.info and binfmt entries span several").hasSize(974)
                .containsKey("net.core.somaxconn");
        assertThat(sysctl.get("dev.cdrom.info")).contains("\n");
        assertThat(MountInfoParser.parse(q.text("mounts.txt").orElseThrow()))
                .anySatisfy(m -> {
                    assertThat(m.mountPoint()).isEqualTo("/srv/data");
                    assertThat(m.fsType()).isEqualTo("ext4");
                });
        assertThat(FstabParser.parse(q.text("fstab.txt").orElseThrow())).hasSize(2)
                .anySatisfy(e -> assertThat(e.file()).isEqualTo("/srv/data"));
        assertThat(ToolVersionsParser.parse(q.text("versions.txt").orElseThrow()))
                .containsEntry("nvme version", "nvme version 2.3 (git 2.3)")
                .containsEntry("lspci --version", "lspci version 3.9.0");
        assertThat(SysfsValuesParser.parse(q.text("pci-links-grep.txt").orElseThrow()))
                .containsEntry("/sys/bus/pci/devices/0000:00:05.0/max_link_width", "2");

        CaptureBundle fc = bundle("firecracker-host");
        assertThat(SysctlParser.parse(fc.text("sysctl.txt").orElseThrow())).as("1304 lines, 1302 keys").hasSize(1302);
        assertThat(MountInfoParser.parse(fc.text("mounts.txt").orElseThrow())).hasSize(22);
        assertThat(FstabParser.parse(fc.text("fstab.txt").orElseThrow())).as("comment only").isEmpty();
        assertThat(ToolVersionsParser.parse(fc.text("versions.txt").orElseThrow()))
                .containsEntry("uname -r", "6.18.44-fc-v595");
    }
}
