package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.CpuFreqFacts;
import dev.aistorctl.facts.facts.Dimm;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import dev.aistorctl.facts.facts.SourceReport;
import dev.aistorctl.facts.facts.SystemTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Facts of the reference server, built by hand, and ways to spoil them one part at a time. */
final class ReferenceHost {
    static final long GIB = 1024L * 1024 * 1024;
    static final String MODEL = "Micron_7500_MTFDKCC15T3TGP";
    static final long DRIVE_BYTES = 15_362_991_415_296L;
    static final List<String> ALL_SOURCES = List.of("lscpu.json", "cpuinfo.txt", "meminfo.txt", "dmidecode-memory.txt",
            "os-release.txt", "uname.txt", "lsblk.json", "nvme-list.json", "pci-links.txt", "lspci-vvv.txt",
            "ip-link.json", "net-speed.txt", "cpufreq.txt");

    CpuFacts cpu = new CpuFacts("aarch64", "ARM", "Neoverse-N1", 1, 128, 128, 128, 3000.0, 1000.0, 1, 1,
            "Neoverse-N1", "Ampere(R)", "Ampere(R) Altra(R) Max Processor M128-30 CPU @ 3.0GHz", List.of("fp", "asimd"));
    MemoryFacts memory;
    List<NvmeDrive> nvme = new ArrayList<>();
    List<PciDevice> pci = new ArrayList<>();
    List<Nic> nics = new ArrayList<>();
    OsFacts os = new OsFacts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "5.15.0-125-generic", "node1", "aarch64");
    CpuFreqFacts cpufreq = new CpuFreqFacts("cppc_cpufreq", List.of("performance"), List.of("conservative", "ondemand",
            "userspace", "powersave", "performance", "schedutil"), 128, 1000.0, 3000.0);
    List<BlockDevice> blockDevices = new ArrayList<>();
    SourceReport sources = new SourceReport(ALL_SOURCES, List.of(), List.of());
    /** As the Altra testbeds boot (iommu.passthrough=1), tuned, chrony synchronised, one NUMA node. */
    SystemTuning tuning = new SystemTuning(List.of("BOOT_IMAGE=/boot/vmlinuz-5.15.0-125-generic", "ro", "iommu.passthrough=1"),
            "madvise", List.of(), new SystemTuning.Iommu(List.of("smmu3.0x0000000100000000"), Map.of("identity", 12)),
            new SystemTuning.TimeSync("chronyc", true, "leap status Normal", "C0A80001 (ntp1.example.net)"),
            new SystemTuning.NumaPlacement(1, Map.of(), Map.of()));

    ReferenceHost() {
        List<Dimm> dimms = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            dimms.add(new Dimm("DIMM" + i, "NODE 0", 32 * GIB, "DDR4", "Synchronous Registered (Buffered)", 3200, 3200,
                    "Samsung", "M393A4K40DB3-CWE", "S" + i, 2));
        }
        memory = new MemoryFacts(504 * GIB, 490 * GIB, dimms, 512 * GIB, 16);
        pci.add(new PciDevice("0000:00:01.0", "060400", "Altra PCI Express Root Port a0", "pcieport", PciLink.of(16.0, 4, 16.0, 4)));
        for (int i = 0; i < 8; i++) {
            String bdf = String.format("0000:%02x:00.0", i + 1);
            nvme.add(new NvmeDrive("/dev/nvme" + i + "n1", "nvme" + i, MODEL, "2345MTFD000" + i, "E3MQ005", DRIVE_BYTES, 512,
                    bdf, new NvmeHealth(0, 1, 0L, 100, 35, 1200L, 3L, 0L)));
            pci.add(new PciDevice(bdf, "010802", "Micron Technology Inc 7500 NVMe SSD", "nvme", PciLink.of(16.0, 4, 16.0, 4)));
            blockDevices.add(new BlockDevice("nvme" + i + "n1", "/dev/nvme" + i + "n1", "disk", DRIVE_BYTES, MODEL,
                    "2345MTFD000" + i, null, "nvme", false, false, false, null, null, null, null, List.of(), 512, 4096, "none", List.of()));
        }
        pci.add(new PciDevice("0000:0a:00.0", "020000", "Mellanox ConnectX-6", "mlx5_core", PciLink.of(16.0, 16, 16.0, 16)));
        nics.add(new Nic("lo", null, 65536, null, null, "00:00:00:00:00:00", "UNKNOWN", null, null, null));
        nics.add(new Nic("enp10s0f0np0", 200_000L, 9000, "mlx5_core", "0000:0a:00.0", "b8:ce:f6:00:00:01", "UP", null, null, true));
        BlockDevice root = new BlockDevice("sda2", "/dev/sda2", "part", 480 * GIB, null, null, null, null, false, false, false,
                "ext4", "u", null, null, List.of("/"), 512, 4096, null, List.of());
        blockDevices.add(new BlockDevice("sda", "/dev/sda", "disk", 480 * GIB, "SAMSUNG MZ7L3480", "S1", null, "sata", false, false,
                false, null, null, null, "gpt", List.of(), 512, 4096, "mq-deadline", List.of(root)));
    }

    static HostFacts perfect() {
        return new ReferenceHost().build();
    }

    ReferenceHost drives(UnaryOperator<List<NvmeDrive>> change) {
        nvme = new ArrayList<>(change.apply(new ArrayList<>(nvme)));
        return this;
    }

    /** Replaces drive {@code index}. */
    ReferenceHost drive(int index, UnaryOperator<NvmeDrive> change) {
        nvme.set(index, change.apply(nvme.get(index)));
        return this;
    }

    /** Replaces the link of the PCI device at {@code bdf}. */
    ReferenceHost link(String bdf, PciLink link) {
        pci.replaceAll(d -> d.address().equals(bdf) ? new PciDevice(d.address(), d.classCode(), d.description(), d.driver(), link) : d);
        return this;
    }

    HostFacts build() {
        return new HostFacts(cpu, memory, nvme, pci, nics, os, cpufreq, blockDevices, sources, null, tuning);
    }

    static NvmeDrive withModel(NvmeDrive d, String model) {
        return new NvmeDrive(d.device(), d.controller(), model, d.serial(), d.firmware(), d.sizeBytes(), d.sectorSize(), d.pciAddress(), d.health());
    }

    static NvmeDrive withFirmware(NvmeDrive d, String firmware) {
        return new NvmeDrive(d.device(), d.controller(), d.model(), d.serial(), firmware, d.sizeBytes(), d.sectorSize(), d.pciAddress(), d.health());
    }
}
