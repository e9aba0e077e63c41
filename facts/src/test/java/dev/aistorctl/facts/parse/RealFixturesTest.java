package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.facts.facts.CpuFreqFacts;
import dev.aistorctl.facts.facts.Dimm;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.SystemFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per real capture (other than lscpu), asserting values read from the file by hand. */
class RealFixturesTest {
    private static final long GIB = 1L << 30;

    private static String real(String path) {
        return Fixtures.read("real/" + path);
    }

    // ---- dmidecode

    @Test
    void mtJadeMemoryHalfTheSlotsEmpty() {
        MemoryFacts m = DmiMemoryParser.parse(real("dmidecode/altra-mtjade-dmidecode-memory.txt"));
        assertThat(m.slots()).isEqualTo(32);
        assertThat(m.dimms()).hasSize(16).allSatisfy(d -> {
            assertThat(d.sizeBytes()).isEqualTo(8 * GIB);
            assertThat(d.type()).isEqualTo("DDR4");
            assertThat(d.speedMts()).isEqualTo(3200);
            assertThat(d.configuredSpeedMts()).isEqualTo(3200);
        });
        assertThat(m.dimmTotalBytes()).isEqualTo(128 * GIB);
        Dimm first = m.dimms().get(0);
        assertThat(first.locator()).isEqualTo("DIMM 1");
        assertThat(first.manufacturer()).isEqualTo("Samsung");
        assertThat(first.partNumber()).isEqualTo("M393A1K43DB2-CWE");
        assertThat(first.typeDetail()).isEqualTo("Registered (Buffered)");
        assertThat(first.rank()).isEqualTo(1);
    }

    @Test
    void mtJadeBiosAndSystem() {
        SystemFacts s = DmiSystemParser.parse(real("dmidecode/altra-mtjade-dmidecode-bios-system.txt"));
        assertThat(s.manufacturer()).isEqualTo("WIWYNN");
        assertThat(s.productName()).isEqualTo("Mt.Jade Server System B81.030Z1.0007");
        assertThat(s.boardProduct()).isEqualTo("Mt.Jade Motherboard");
        assertThat(s.biosVendor()).isEqualTo("Ampere(R)");
        assertThat(s.biosVersion()).isEqualTo("1.07.20210713 (SCP: 1.07.20210713)");
        assertThat(s.smbiosVersion()).isEqualTo("3.3.0");
        assertThat(DmiMemoryParser.parse(real("dmidecode/altra-mtjade-dmidecode-bios-system.txt")).dimms())
                .as("types 0-3 only: memory unknown").isNull();
    }

    @Test
    void adlinkFullDumpFourOfSixSlots() {
        String text = real("dmidecode/altra-adlink-devplatform-full.txt");
        MemoryFacts m = DmiMemoryParser.parse(text);
        assertThat(m.slots()).isEqualTo(6);
        assertThat(m.dimms()).hasSize(4).extracting(Dimm::partNumber).containsOnly("M393A8G40BB4-CWE");
        assertThat(m.dimms()).extracting(Dimm::locator).contains("Socket 0 DIMM 0", "Socket 0 DIMM 3");
        assertThat(m.dimmTotalBytes()).isEqualTo(256 * GIB);
        SystemFacts s = DmiSystemParser.parse(text);
        assertThat(s.manufacturer()).isEqualTo("ADLINK");
        assertThat(s.productName()).isEqualTo("Ampere Altra Developer Platform");
        assertThat(s.serial()).as("anonymised to --").isNull();
        assertThat(s.biosVersion()).isEqualTo("TianoCore 2.04.100.11 (SYS: 2.06.20220308)");
    }

    @Test
    void gigabyteE252SizesInMegabytes() {
        String text = real("dmidecode/altra-gigabyte-e252-p30-full.txt");
        MemoryFacts m = DmiMemoryParser.parse(text);
        assertThat(m.dimms()).hasSize(16).allSatisfy(d -> assertThat(d.sizeBytes()).isEqualTo(16 * GIB));
        assertThat(m.dimms().get(0).partNumber()).isEqualTo("18ASF2G72PDZ-3G2R1");
        SystemFacts s = DmiSystemParser.parse(text);
        assertThat(s.productName()).isEqualTo("E252-P30-00");
        assertThat(s.biosVersion()).isEqualTo("F31L (SCP: 2.10.20220531)");
        assertThat(s.smbiosVersion()).isEqualTo("3.4.0");
    }

    @Test
    void gigabyteMp32TwoOfSixteenSlots() {
        MemoryFacts m = DmiMemoryParser.parse(real("dmidecode/altra-gigabyte-mp32-ar0-q64-30-full.txt"));
        assertThat(m.slots()).isEqualTo(16);
        assertThat(m.dimms()).hasSize(2).allSatisfy(d -> {
            assertThat(d.sizeBytes()).isEqualTo(16 * GIB);
            assertThat(d.partNumber()).isEqualTo("M393A2K43EB3-CWE");
        });
    }

    @Test
    void epycZen2SpaceIndentedAndConfiguredClockSpeed() {
        MemoryFacts m = DmiMemoryParser.parse(real("dmidecode/x86-epyc-zen2-supermicro-dmidecode-memory.txt"));
        assertThat(m.dimms()).hasSize(8);
        Dimm d = m.dimms().get(0);
        assertThat(d.locator()).isEqualTo("DIMMA1");
        assertThat(d.sizeBytes()).isEqualTo(32 * GIB);
        assertThat(d.manufacturer()).isEqualTo("SK Hynix");
        assertThat(d.configuredSpeedMts()).as("older name: Configured Clock Speed").isEqualTo(3200);
        assertThat(d.rank()).isEqualTo(2);
    }

    @Test
    void epycZen2SlotTableIsReadAsRecords() {
        List<DmiRecord> slots = DmiDecodeParser.parse(real("dmidecode/x86-epyc-zen2-supermicro-dmidecode-pci-slots.txt"));
        assertThat(slots).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(9));
        assertThat(slots).extracting(r -> r.get("Type")).contains("x16 PCI Express 3 x16");
    }

    @Test
    void xeonIceLakeSixteenBy16G() {
        MemoryFacts m = DmiMemoryParser.parse(real("dmidecode/x86-xeon-icx-supermicro-dmidecode-memory.txt"));
        assertThat(m.dimms()).hasSize(16);
        assertThat(m.dimmTotalBytes()).isEqualTo(256 * GIB);
        assertThat(m.dimms().get(0).partNumber()).isEqualTo("M393A2K43DB3-CWE");
    }

    @Test
    void xeonSapphireRapidsDdr5() {
        MemoryFacts m = DmiMemoryParser.parse(real("dmidecode/x86-xeon-spr-supermicro-dmidecode-memory.txt"));
        assertThat(m.dimms()).hasSize(16).allSatisfy(d -> {
            assertThat(d.type()).isEqualTo("DDR5");
            assertThat(d.speedMts()).isEqualTo(4800);
            assertThat(d.sizeBytes()).isEqualTo(32 * GIB);
        });
        assertThat(m.dimms().get(0).partNumber()).isEqualTo("HMCG88MEBRA107N");
    }

    @Test
    void olderDmidecodeSaysMhzForTheSameRate() {
        MemoryFacts m = DmiMemoryParser.parse("""
                Handle 0x0011, DMI type 17, 40 bytes
                Memory Device
                \tSize: 16384 MB
                \tLocator: A1
                \tType: DDR4
                \tSpeed: 2666 MHz
                \tConfigured Clock Speed: 2400 MHz

                Handle 0x0012, DMI type 17, 40 bytes
                Memory Device
                \tSize: No Module Installed
                \tLocator: A2
                """);
        assertThat(m.slots()).isEqualTo(2);
        assertThat(m.dimms()).singleElement().satisfies(d -> {
            assertThat(d.speedMts()).isEqualTo(2666);
            assertThat(d.configuredSpeedMts()).isEqualTo(2400);
        });
    }

    // ---- lspci

    @Test
    void connectX7Gen5x16WithoutDomain() {
        List<PciDevice> d = LspciParser.parse(real("lspci/lspci-vvv-connectx7-mt2910-gen5x16-ok-lenovo-sd665n-epyc.txt"));
        assertThat(d).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo("0000:03:00.0");
            assertThat(p.description()).startsWith("Ethernet controller: Mellanox Technologies MT2910 Family");
            assertThat(p.link().speedGts()).isEqualTo(32.0);
            assertThat(p.link().width()).isEqualTo(16);
            assertThat(p.link().maxSpeedGts()).isEqualTo(32.0);
            assertThat(p.link().maxWidth()).isEqualTo(16);
            assertThat(p.link().downgraded()).isFalse();
        });
    }

    @Test
    void hetznerPm9a3TwoNvmeAtGen4x4() {
        List<PciDevice> d = LspciParser.parse(real("lspci/altra-hetzner-mp32-ar1-pm9a3-nvme-excerpt.txt"));
        assertThat(d).extracting(PciDevice::address).containsExactly("0000:01:00.0", "0000:02:00.0");
        assertThat(d).allSatisfy(p -> {
            assertThat(p.classCode()).isEqualTo("010802");
            assertThat(p.driver()).isEqualTo("nvme");
            assertThat(p.link().speedGts()).isEqualTo(16.0);
            assertThat(p.link().width()).isEqualTo(4);
            assertThat(p.link().downgraded()).isFalse();
        });
    }

    @Test
    void adlinkRootPortMarkedDowngraded() {
        List<PciDevice> d = LspciParser.parse(real("lspci/altra-adlink-devplatform-ubuntu2204-rootport-downgraded-excerpt.txt"));
        assertThat(d).hasSize(2);
        assertThat(d.get(0).link()).as("host bridge has no link").isNull();
        PciDevice port = d.get(1);
        assertThat(port.address()).isEqualTo("0000:00:01.0");
        assertThat(port.driver()).isEqualTo("pcieport");
        assertThat(port.link().speedGts()).isEqualTo(2.5);
        assertThat(port.link().maxSpeedGts()).isEqualTo(8.0);
        assertThat(port.link().width()).isEqualTo(16);
        assertThat(port.link().downgraded()).isTrue();
    }

    // ---- meminfo, os-release, ethtool, cpufreq

    @Test
    void threadripperMeminfoHead() {
        Map<String, Long> m = MemInfoParser.parse(real("meminfo/meminfo-head3-512GB-threadripper-pro-5995wx-PARTIAL.txt"));
        assertThat(m).containsEntry("MemTotal", 527970488L * 1024).containsEntry("MemAvailable", 515031792L * 1024);
    }

    @Test
    void ubuntu2204() {
        Map<String, String> r = OsReleaseParser.parse(real("os-release/ubuntu-22.04.5-os-release.txt"));
        assertThat(r).containsEntry("ID", "ubuntu").containsEntry("VERSION_ID", "22.04")
                .containsEntry("PRETTY_NAME", "Ubuntu 22.04.5 LTS");
    }

    @Test
    void bond200g() {
        EthtoolSettings e = EthtoolParser.parse(real("ethtool/bond1-200g-xeon6348-nginx-lvs-bench.txt"), null);
        assertThat(e.name()).isEqualTo("bond1");
        assertThat(e.speedMbps()).isEqualTo(200_000L);
        assertThat(e.duplex()).isEqualTo("Full");
        assertThat(e.linkDetected()).isTrue();
    }

    @Test
    void thelioCpupowerFrequencyInfo() {
        CpuFreqFacts f = CpuFreqParser.parse(real("cpufreq/altra-thelio-astra-cpupower-frequency-info.txt"));
        assertThat(f.driver()).isEqualTo("cppc_cpufreq");
        assertThat(f.governors()).containsExactly("schedutil");
        assertThat(f.availableGovernors()).containsExactly("conservative", "ondemand", "userspace", "powersave",
                "performance", "schedutil");
        assertThat(f.minMhz()).isEqualTo(1000.0);
        assertThat(f.maxMhz()).isEqualTo(2200.0);
    }

    @Test
    void thelioAvailableGovernorsLine() {
        CpuFreqFacts f = CpuFreqParser.parse(real("cpufreq/altra-thelio-astra-scaling_available_governors.txt"));
        assertThat(f.availableGovernors()).hasSize(6).contains("performance");
        assertThat(f.driver()).isNull();
    }

    @Test
    void thelioHwmonSensors() {
        Map<String, String> v = SysfsValuesParser.parse(real("cpufreq/altra-thelio-astra-hwmon-apm_xgene-grep.txt"));
        assertThat(v).containsEntry("/sys/class/hwmon/hwmon1/power1_label", "CPU power")
                .containsEntry("/sys/class/hwmon/hwmon1/temp1_input", "37000");
    }

    // ---- nvme-cli

    @Test
    void nvmeCliFlatListV23() {
        List<NvmeDrive> d = NvmeListParser.parse(real("nvme/netdata-v2.3-nvme-list.json"));
        assertThat(d).extracting(NvmeDrive::device).containsExactly("/dev/nvme0n1", "/dev/nvme1n1");
        assertThat(d.get(0).controller()).isEqualTo("nvme0");
        assertThat(d.get(0).serial()).isEqualTo("XXX00YYY");
        assertThat(d.get(0).firmware()).isEqualTo("SU6SM001");
        assertThat(d.get(0).model()).isEqualTo("Seagate FireCuda 530 ZP4000GM30023");
        assertThat(d.get(0).sizeBytes()).isEqualTo(4_000_787_030_016L);
        assertThat(d.get(0).sectorSize()).isEqualTo(512);
        assertThat(d.get(0).pciAddress()).as("the flat form has no address").isNull();
    }

    @Test
    void nvmeCliNestedListV211() {
        List<NvmeDrive> d = NvmeListParser.parse(real("nvme/netdata-v2.11-nvme-list.json"));
        assertThat(d).extracting(NvmeDrive::controller).containsExactly("nvme0", "nvme1", "nvme2");
        assertThat(d).extracting(NvmeDrive::pciAddress).containsExactly("0000:01:00.0", "0000:81:00.0", "0000:61:00.0");
        assertThat(d).extracting(NvmeDrive::serial).containsExactly("XXX02YYY", "XXX00YYY", "7VS00KNX");
        assertThat(d.get(0).device()).isEqualTo("/dev/nvme0n1");
        assertThat(d.get(0).firmware()).isEqualTo("SU6SM005");
        assertThat(d.get(0).sizeBytes()).isEqualTo(4_000_787_030_016L);
    }

    @Test
    void nvmeCliEmptyList() {
        assertThat(NvmeListParser.parse(real("nvme/netdata-nvme-list-empty.json"))).isEmpty();
    }

    @Test
    void ovhGrepFilteredTableWithoutSeparator() {
        List<NvmeDrive> d = NvmeListParser.parse(real("nvme/ovh-micron7500pro-nvme-list-grep-E3MQ001.txt"));
        assertThat(d).hasSize(2);
        assertThat(d).extracting(NvmeDrive::serial).containsExactly("032510B842C5", "132510B824CD");
        assertThat(d).allSatisfy(x -> {
            assertThat(x.model()).isEqualTo("MTFDKCC1T9TGP-1BK1DABYY");
            assertThat(x.firmware()).isEqualTo("E3MQ001");
            assertThat(x.sizeBytes()).as("rounded, as the table prints it").isEqualTo(1_920_000_000_000L);
            assertThat(x.sectorSize()).isEqualTo(512);
        });
        assertThat(d.get(1).controller()).isEqualTo("nvme1");
    }

    @Test
    void smartLogV211CriticalWarningObject() {
        NvmeHealth h = NvmeSmartLogParser.parse(real("nvme/netdata-v2.11-nvme-smart-log.json"));
        assertThat(h.criticalWarning()).isZero();
        assertThat(h.percentageUsed()).isEqualTo(30);
        assertThat(h.mediaErrors()).isZero();
        assertThat(h.temperatureCelsius()).isEqualTo(51);
        assertThat(h.powerOnHours()).isEqualTo(24424L);
        assertThat(h.errorLogEntries()).isEqualTo(212L);
    }

    @Test
    void smartLogV23Integers() {
        NvmeHealth h = NvmeSmartLogParser.parse(real("nvme/netdata-v2.3-nvme-smart-log.json"));
        assertThat(h.criticalWarning()).isZero();
        assertThat(h.percentageUsed()).isEqualTo(2);
        assertThat(h.availableSpare()).isEqualTo(100);
        assertThat(h.temperatureCelsius()).isEqualTo(37);
    }

    @Test
    void smartLogV23Floats() {
        NvmeHealth h = NvmeSmartLogParser.parse(real("nvme/netdata-v2.3-nvme-smart-log-float.json"));
        assertThat(h.percentageUsed()).isEqualTo(2);
        assertThat(h.temperatureCelsius()).isEqualTo(37);
        assertThat(h.powerOnHours()).isEqualTo(4974L);
        assertThat(h.unsafeShutdowns()).isEqualTo(39L);
        assertThat(h.errorLogEntries()).isEqualTo(110L);
    }

    @Test
    void smartctlJsonDevices() {
        NvmeDrive d0 = SmartctlParser.parse(real("nvme/netdata-smartctl-type-nvme-device-nvme0.json"));
        assertThat(d0.device()).isEqualTo("/dev/nvme0");
        assertThat(d0.controller()).isEqualTo("nvme0");
        assertThat(d0.model()).isEqualTo("Seagate FireCuda 530 ZP4000GM30023");
        assertThat(d0.serial()).as("redacted upstream").isNull();
        assertThat(d0.sizeBytes()).isEqualTo(4_000_787_030_016L);
        assertThat(d0.health().temperatureCelsius()).isEqualTo(39);
        assertThat(d0.health().criticalWarning()).isZero();
        NvmeDrive d1 = SmartctlParser.parse(real("nvme/netdata-smartctl-type-nvme-device-nvme1.json"));
        assertThat(d1.health().temperatureCelsius()).isEqualTo(36);
    }

    @Test
    void smartctlScan() {
        assertThat(SmartctlParser.parseScan(real("nvme/netdata-smartctl-type-nvme-scan.json"))).containsExactly("/dev/nvme0");
    }

    // ---- smartctl text

    private static NvmeDrive smartctl(String file) {
        return SmartctlParser.parse(real("smartctl/" + file));
    }

    @Test
    void micron7450() {
        NvmeDrive d = smartctl("linuxhw-micron7450-MTFDKCC960TFR.txt");
        assertThat(d.model()).isEqualTo("Micron_7450_MTFDKCC960TFR");
        assertThat(d.serial()).as("anonymised").isNull();
        assertThat(d.firmware()).isEqualTo("E2MU200");
        assertThat(d.sizeBytes()).isEqualTo(960_197_124_096L);
        assertThat(d.health().criticalWarning()).isZero();
        assertThat(d.health().temperatureCelsius()).isEqualTo(34);
        assertThat(d.health().percentageUsed()).isZero();
        assertThat(d.health().mediaErrors()).isZero();
        assertThat(d.health().powerOnHours()).isEqualTo(589L);
    }

    @Test
    void micron7400Large() {
        NvmeDrive d = smartctl("linuxhw-micron7400-MTFDKCB7T6TDZ-a.txt");
        assertThat(d.firmware()).isEqualTo("E1MU23S1");
        assertThat(d.sizeBytes()).isEqualTo(7_681_501_126_656L);
        assertThat(d.health().errorLogEntries()).isEqualTo(62L);
        assertThat(d.health().powerOnHours()).isEqualTo(7723L);
    }

    @Test
    void micron7400Mid() {
        NvmeDrive d = smartctl("linuxhw-micron7400-MTFDKCB1T9TDZ.txt");
        assertThat(d.model()).isEqualTo("Micron_7400_MTFDKCB1T9TDZ");
        assertThat(d.sizeBytes()).isEqualTo(1_920_383_410_176L);
        assertThat(d.health().temperatureCelsius()).isEqualTo(30);
    }

    @Test
    void micron7400M2() {
        NvmeDrive d = smartctl("linuxhw-micron7400-MTFDKBA480TDZ.txt");
        assertThat(d.firmware()).isEqualTo("E1MU23BC");
        assertThat(d.sizeBytes()).isEqualTo(480_103_981_056L);
        assertThat(d.health().temperatureCelsius()).isEqualTo(48);
        assertThat(d.health().errorLogEntries()).isEqualTo(22L);
    }

    @Test
    void micron9300() {
        NvmeDrive d = smartctl("linuxhw-micron9300-MTFDHAL7T6TDP.txt");
        assertThat(d.firmware()).isEqualTo("11300DR0");
        assertThat(d.health().errorLogEntries()).isEqualTo(14_863_464L);
    }

    @Test
    void micron7300() {
        NvmeDrive d = smartctl("linuxhw-micron7300-MTFDHBE3T8TDF.txt");
        assertThat(d.sizeBytes()).isEqualTo(3_840_755_982_336L);
        assertThat(d.health().powerOnHours()).isEqualTo(5619L);
    }

    @Test
    void intelP5510TotalCapacityNotTheSmallerNamespace() {
        NvmeDrive d = smartctl("linuxhw-intel-p5510-SSDPF2KX076T1.txt");
        assertThat(d.model()).isEqualTo("INTEL SSDPF2KX076T1");
        assertThat(d.sizeBytes()).isEqualTo(7_681_501_126_656L);
        assertThat(d.health().temperatureCelsius()).isEqualTo(24);
    }

    @Test
    void samsungPm1735() {
        NvmeDrive d = smartctl("linuxhw-samsung-pm1735-MZPLJ3T2HBJR.txt");
        assertThat(d.model()).isEqualTo("SAMSUNG MZPLJ3T2HBJR-00007");
        assertThat(d.firmware()).isEqualTo("EPK9GB5Q");
        assertThat(d.health().percentageUsed()).isEqualTo(2);
    }

    @Test
    void dellKioxiaCm6() {
        NvmeDrive d = smartctl("linuxhw-dell-kioxia-cm6-1.92TB.txt");
        assertThat(d.model()).isEqualTo("Dell Ent NVMe CM6 RI 1.92TB");
        assertThat(d.firmware()).isEqualTo("2.1.8");
        assertThat(d.health().errorLogEntries()).isEqualTo(114L);
    }
}
