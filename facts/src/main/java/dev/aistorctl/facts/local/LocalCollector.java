package dev.aistorctl.facts.local;

import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.CpuFreqFacts;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.SourceReport;
import dev.aistorctl.facts.parse.CpuFreqParser;
import dev.aistorctl.facts.parse.OsReleaseParser;
import dev.aistorctl.facts.parse.PciLinksParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HWPartition;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * Facts of the machine aistorctl runs on ({@code --local}), without a shell: OSHI for CPU, memory,
 * disks and NICs, and sysfs (which OSHI does not read) for PCIe links, NIC drivers and cpufreq.
 * sysfs is read into the same text the capture holds and handed to the same parsers, so both
 * paths agree by construction where they share a source.
 */
public final class LocalCollector {
    private final Path sys;
    private final Path etc;

    public LocalCollector() {
        this(Path.of("/sys"), Path.of("/etc"));
    }

    /** For tests: sysfs and /etc under other roots. */
    LocalCollector(Path sys, Path etc) {
        this.sys = sys;
        this.etc = etc;
    }

    public HostFacts collect() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        List<BlockDevice> disks = disks(hal.getDiskStores());
        return new HostFacts(cpu(hal.getProcessor()), memory(hal), nvme(disks), pci(), nics(hal.getNetworkIFs()), os(),
                cpufreq(), disks,
                new SourceReport(List.of("oshi", "sysfs"), List.of(), List.of()));
    }

    private static CpuFacts cpu(CentralProcessor p) {
        CentralProcessor.ProcessorIdentifier id = p.getProcessorIdentifier();
        int sockets = p.getPhysicalPackageCount();
        int cores = p.getPhysicalProcessorCount();
        int threads = p.getLogicalProcessorCount();
        long maxHz = p.getMaxFreq();
        String arch = System.getProperty("os.arch");
        arch = "amd64".equals(arch) ? "x86_64" : arch;
        return new CpuFacts(arch, blank(id.getVendor()), blank(id.getName()), sockets > 0 ? sockets : null,
                sockets > 0 && cores > 0 ? cores / sockets : null, cores > 0 ? cores : null, threads > 0 ? threads : null,
                maxHz > 0 ? maxHz / 1_000_000.0 : null, null, cores > 0 ? threads / cores : null, null,
                null, null, null, flags(p.getFeatureFlags()));
    }

    /**
     * The CPU's feature flags (x86 {@code flags}, Arm {@code Features}), which OSHI hands over as /proc/cpuinfo's
     * lines ("flags\t\t: fpu vme ..."), one per CPU; they are the same on every CPU of a server, so the first line.
     */
    private static List<String> flags(List<String> lines) {
        return lines.stream().filter(l -> l.indexOf(':') > 0)
                .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .filter(f -> !f.get(0).isEmpty())
                .findFirst().orElse(null);
    }

    /** MemTotal as the kernel reports it (OSHI reads /proc/meminfo); modules need dmidecode and root, so stay unknown. */
    private static MemoryFacts memory(HardwareAbstractionLayer hal) {
        return new MemoryFacts(hal.getMemory().getTotal(), hal.getMemory().getAvailable(), null, null, null);
    }

    private static List<BlockDevice> disks(List<HWDiskStore> stores) {
        List<BlockDevice> out = new ArrayList<>();
        for (HWDiskStore d : stores) {
            String name = d.getName().startsWith("/dev/") ? d.getName().substring(5) : d.getName();
            List<BlockDevice> parts = new ArrayList<>();
            for (HWPartition p : d.getPartitions()) {
                String pname = p.getIdentification().startsWith("/dev/") ? p.getIdentification().substring(5) : p.getIdentification();
                parts.add(new BlockDevice(pname, "/dev/" + pname, "part", p.getSize(), null, null, null, null, null, null,
                        null, blank(p.getType()), blank(p.getUuid()), blank(p.getName()), null,
                        p.getMountPoint() == null || p.getMountPoint().isBlank() ? List.of() : List.of(p.getMountPoint()),
                        null, null, null, List.of()));
            }
            boolean nvme = name.startsWith("nvme");
            out.add(new BlockDevice(name, "/dev/" + name, "disk", d.getSize(), unknownToNull(d.getModel()),
                    unknownToNull(d.getSerial()), null, nvme ? "nvme" : null, null, null, null, null, null, null, null,
                    List.of(), null, null, null, parts));
        }
        return out;
    }

    private static List<NvmeDrive> nvme(List<BlockDevice> disks) {
        List<NvmeDrive> out = new ArrayList<>();
        for (BlockDevice d : disks) {
            if ("nvme".equals(d.transport())) {
                String controller = d.name().replaceFirst("n[0-9]+$", "");
                out.add(new NvmeDrive(d.path(), controller, d.model(), d.serial(), null, d.sizeBytes(), null, null, null));
            }
        }
        return out;
    }

    private List<Nic> nics(List<NetworkIF> ifs) {
        List<Nic> out = new ArrayList<>();
        for (NetworkIF n : ifs) {
            String name = n.getName();
            Path dev = sys.resolve("class/net").resolve(name).resolve("device");
            String driver = linkName(dev.resolve("driver"));
            String bus = linkName(dev);
            boolean pci = bus != null && bus.matches("[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
            long speed = n.getSpeed();
            // OSHI reports bits per second; sysfs' "unknown" (-1) comes through as 0 or a huge value
            Long mbps = speed > 0 && speed < Long.MAX_VALUE / 2 ? speed / 1_000_000 : null;
            out.add(new Nic(name, mbps, (int) n.getMTU(), driver, pci ? bus : null, blank(n.getMacaddr()),
                    n.getIfOperStatus() == null ? null : n.getIfOperStatus().name(), null, null, null));
        }
        return out;
    }

    /** The same lines the gather script writes to pci-links.txt, from the same sysfs files. */
    private List<PciDevice> pci() {
        Path devices = sys.resolve("bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> list = Files.list(devices)) {
            for (Path d : list.sorted().toList()) {
                text.append(d.getFileName());
                for (String a : List.of("class", "current_link_speed", "current_link_width", "max_link_speed", "max_link_width")) {
                    String v = read(d.resolve(a));
                    text.append('\t').append(v == null || v.isBlank() ? "-" : v.strip());
                }
                text.append('\n');
            }
        } catch (IOException e) {
            return null;
        }
        return PciLinksParser.parse(text.toString());
    }

    private CpuFreqFacts cpufreq() {
        StringBuilder text = new StringBuilder();
        Path cpus = sys.resolve("devices/system/cpu");
        if (!Files.isDirectory(cpus)) {
            return null;
        }
        try (Stream<Path> list = Files.list(cpus)) {
            for (Path cpu : list.filter(p -> p.getFileName().toString().matches("cpu[0-9]+")).sorted().toList()) {
                for (String a : List.of("scaling_driver", "scaling_governor", "scaling_available_governors")) {
                    String v = read(cpu.resolve("cpufreq").resolve(a));
                    if (v != null) {
                        text.append("/sys/devices/system/cpu/").append(cpu.getFileName()).append("/cpufreq/").append(a)
                                .append(':').append(v.strip()).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return CpuFreqParser.parseSysfs(text.toString());
    }

    private OsFacts os() {
        String text = read(etc.resolve("os-release"));
        Map<String, String> r = text == null ? Map.of() : OsReleaseParser.parse(text);
        String machine = System.getProperty("os.arch");
        return new OsFacts(r.get("ID"), r.get("VERSION_ID"), r.get("PRETTY_NAME"), System.getProperty("os.version"),
                blank(read(Path.of("/proc/sys/kernel/hostname"))), "amd64".equals(machine) ? "x86_64" : machine);
    }

    private static String read(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String linkName(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath().getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** OSHI fills what it cannot read with "unknown". */
    private static String unknownToNull(String s) {
        String b = blank(s);
        return b == null || b.toLowerCase(Locale.ROOT).equals("unknown") ? null : b;
    }
}
