package dev.aistorctl.facts;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.facts.capture.Source;
import dev.aistorctl.facts.capture.Sources;
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
import dev.aistorctl.facts.facts.SourceReport;
import dev.aistorctl.facts.facts.SourceReport.FailedSource;
import dev.aistorctl.facts.facts.SourceReport.LeftOutSource;
import dev.aistorctl.facts.facts.SystemFacts;
import dev.aistorctl.facts.facts.SystemTuning;
import dev.aistorctl.facts.parse.SwapsParser.SwapArea;
import dev.aistorctl.facts.parse.CpuFreqParser;
import dev.aistorctl.facts.parse.EthtoolSettings;
import dev.aistorctl.facts.parse.NetDevicesParser;
import dev.aistorctl.facts.parse.NvmeSysfsParser;
import dev.aistorctl.facts.parse.UnameParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a capture bundle into HostFacts. Where two sources say the same thing, the rules are:
 * lscpu text, then lscpu JSON, then /proc/cpuinfo (each fills only what the one before left
 * unknown); sysfs PCIe links over lspci's; nvme-cli JSON over its text table over sysfs over lsblk
 * for the drive list; sysfs NIC speed over ethtool's. A source that is absent, failed or cannot be
 * parsed leaves its facts null and is named in {@link HostFacts#sources()}.
 */
public final class FactsAssembler {
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4,}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    private static final FailedSource NOT_FAILED = new FailedSource("", null, 0, null, false);

    private final CaptureBundle bundle;
    private final Set<String> present = new LinkedHashSet<>();
    private final Map<String, FailedSource> failed = new LinkedHashMap<>();

    private FactsAssembler(CaptureBundle bundle) {
        this.bundle = bundle;
    }

    public static HostFacts from(CaptureBundle bundle) {
        return new FactsAssembler(bundle).assemble();
    }

    private HostFacts assemble() {
        CpuFacts cpu = cpu();
        MemoryFacts memory = memory();
        List<BlockDevice> blocks = parse(Sources.LSBLK).orElse(null);
        List<NvmeDrive> nvme = nvme(blocks);
        List<PciDevice> pci = pci();
        List<Nic> nics = nics();
        OsFacts os = os();
        CpuFreqFacts cpufreq = cpufreq();
        SystemFacts system = parse(Sources.DMI_SYSTEM)
                .filter(s -> s.manufacturer() != null || s.biosVendor() != null || s.boardProduct() != null)
                .orElse(null);
        SystemTuning tuning = systemTuning();
        for (String f : bundle.fileNames()) {
            if (Sources.isKnown(f)) {
                usable(f);
            }
        }
        return new HostFacts(cpu, memory, nvme, pci, nics, os, cpufreq, blocks, report(nvme), system, tuning);
    }

    // ---- parts

    /** Null when no tuning source was captured at all (an older bundle). */
    private SystemTuning systemTuning() {
        List<String> args = parse(Sources.CMDLINE).orElse(null);
        String thp = parse(Sources.THP).orElse(null);
        List<String> swap = parse(Sources.SWAPS).map(l -> l.stream().map(SwapArea::path).toList()).orElse(null);
        SystemTuning.Iommu iommu = parse(Sources.IOMMU).orElse(null);
        // chrony names the source it follows; timedatectl only tells the kernel's flag
        SystemTuning.TimeSync time = parse(Sources.CHRONY_TRACKING).or(() -> parse(Sources.TIMEDATECTL)).orElse(null);
        SystemTuning.NumaPlacement numa = parse(Sources.NUMA_NODES).orElse(null);
        if (args == null && thp == null && swap == null && iommu == null && time == null && numa == null) {
            return null;
        }
        return new SystemTuning(args, thp, swap, iommu, time, numa);
    }

    private CpuFacts cpu() {
        CpuFacts text = parse(Sources.LSCPU).orElse(null);
        CpuFacts json = parse(Sources.LSCPU_JSON).orElse(null);
        CpuFacts info = parse(Sources.CPUINFO).orElse(null);
        return CpuMerge.fill(CpuMerge.fill(text, json), info);
    }

    private MemoryFacts memory() {
        Map<String, Long> meminfo = parse(Sources.MEMINFO).orElse(Map.of());
        MemoryFacts dmi = parse(Sources.DMI_MEMORY).orElse(null);
        Long total = meminfo.get("MemTotal");
        Long available = meminfo.get("MemAvailable");
        List<Dimm> dimms = dmi == null ? null : dmi.dimms();
        if (total == null && dimms == null) {
            return null;
        }
        return new MemoryFacts(total, available, dimms, dmi == null ? null : dmi.dimmTotalBytes(),
                dmi == null ? null : dmi.slots());
    }

    private List<NvmeDrive> nvme(List<BlockDevice> blocks) {
        Map<String, NvmeSysfsParser.NvmeController> sysfs = parse(Sources.NVME_SYSFS).orElse(null);
        List<NvmeDrive> drives = parse(Sources.NVME_LIST_JSON)
                .or(() -> parse(Sources.NVME_LIST_TXT))
                .orElse(null);
        if (drives == null && sysfs != null) {
            drives = new ArrayList<>();
            for (NvmeSysfsParser.NvmeController c : sysfs.values()) {
                drives.add(new NvmeDrive(null, c.name(), c.model(), c.serial(), c.firmware(), null, null, null, null));
            }
        }
        if (drives == null && blocks != null) {
            // lsblk lists every NVMe namespace as a disk with transport "nvme"; firmware stays unknown
            drives = new ArrayList<>();
            for (BlockDevice b : blocks) {
                if ("nvme".equals(b.transport()) && "disk".equals(b.type())) {
                    drives.add(new NvmeDrive(b.path(), null, b.model(), b.serial(), null, b.sizeBytes(),
                            b.logicalSectorSize(), null, null));
                }
            }
        }
        if (drives == null) {
            return null;
        }
        List<NvmeDrive> out = new ArrayList<>();
        for (NvmeDrive d : drives) {
            NvmeDrive x = d;
            if (x.pciAddress() == null && sysfs != null && x.controller() != null && sysfs.containsKey(x.controller())) {
                NvmeSysfsParser.NvmeController c = sysfs.get(x.controller());
                if ("pcie".equals(c.transport()) && c.address() != null) {
                    x = x.withPciAddress(c.address());
                }
            }
            if (x.controller() != null) {
                Optional<NvmeHealth> health = parse(Sources.SMART_LOGS.of(x.controller()));
                if (health.isPresent()) {
                    x = x.withHealth(health.get());
                }
            }
            out.add(x);
        }
        return out;
    }

    private List<PciDevice> pci() {
        List<PciDevice> sysfs = parse(Sources.PCI_LINKS).orElse(null);
        List<PciDevice> lspci = parse(Sources.LSPCI).orElse(null);
        if (sysfs == null) {
            return lspci;
        }
        if (lspci == null) {
            return sysfs;
        }
        Map<String, PciDevice> byAddress = new LinkedHashMap<>();
        lspci.forEach(d -> byAddress.put(d.address(), d));
        List<PciDevice> out = new ArrayList<>();
        for (PciDevice s : sysfs) {
            PciDevice l = byAddress.remove(s.address());
            if (l == null) {
                out.add(s);
            } else {
                out.add(new PciDevice(s.address(), s.classCode() != null ? s.classCode() : l.classCode(),
                        l.description(), l.driver(), s.link() != null ? s.link() : l.link()));
            }
        }
        out.addAll(byAddress.values());
        return out;
    }

    private List<Nic> nics() {
        List<Nic> links = parse(Sources.IP_LINK).orElse(null);
        Map<String, Long> speeds = parse(Sources.NET_SPEED).orElse(Map.of());
        Map<String, NetDevicesParser.NetDevice> devices = parse(Sources.NET_DEVICES).orElse(Map.of());
        Map<String, EthtoolSettings> ethtool = new LinkedHashMap<>();
        for (String f : bundle.fileNames()) {
            Sources.ETHTOOL.deviceOf(f).ifPresent(iface -> parse(Sources.ETHTOOL.of(iface)).ifPresent(e -> ethtool.put(iface, e)));
        }
        if (links == null) {
            if (speeds.isEmpty() && ethtool.isEmpty()) {
                return null;
            }
            links = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>(speeds.keySet());
            names.addAll(ethtool.keySet());
            names.remove("lo");
            for (String n : names) {
                links.add(new Nic(n, null, null, null, null, null, null, null, null, null));
            }
        }
        List<Nic> out = new ArrayList<>();
        for (Nic n : links) {
            EthtoolSettings e = ethtool.get(n.name());
            NetDevicesParser.NetDevice dev = devices.get(n.name());
            Long speed = speeds.get(n.name());
            if (speed == null && e != null) {
                speed = e.speedMbps();
            }
            String pci = n.pciAddress();
            if (pci == null && dev != null && dev.busAddress() != null && PCI_ADDRESS.matcher(dev.busAddress()).matches()) {
                pci = dev.busAddress();
            }
            out.add(new Nic(n.name(), speed, n.mtu(), dev == null ? null : dev.driver(), pci, n.macAddress(), n.state(),
                    n.kind(), n.master(), e == null ? null : e.linkDetected()));
        }
        return out;
    }

    private OsFacts os() {
        Map<String, String> release = parse(Sources.OS_RELEASE).orElse(null);
        UnameParser.Uname uname = parse(Sources.UNAME).orElse(null);
        if (release == null && uname == null) {
            return null;
        }
        Map<String, String> r = release == null ? Map.of() : release;
        return new OsFacts(r.get("ID"), r.get("VERSION_ID"), r.get("PRETTY_NAME"),
                uname == null ? null : uname.kernelRelease(), uname == null ? null : uname.hostname(),
                uname == null ? null : uname.machine());
    }

    /**
     * cpufreq.txt reads sysfs files that exist only when the kernel scales frequency; a capture
     * that read none of them (grep exits 2, no output) has shown "no cpufreq", which is a fact.
     */
    private CpuFreqFacts cpufreq() {
        Optional<CpuFreqFacts> parsed = parse(Sources.CPUFREQ);
        if (parsed.isEmpty() && bundle.text(Sources.CPUFREQ.file()).map(String::isEmpty).orElse(false)
                && !failed.getOrDefault(Sources.CPUFREQ.file(), NOT_FAILED).toolMissing()) {
            return CpuFreqParser.parseSysfs("");
        }
        return parsed.orElse(null);
    }

    // ---- sources

    /**
     * Parses a source when it has content. A failed command with no output is not parsed (its
     * failure is reported); a failed command that still printed something (grep over sysfs files
     * some of which cannot be read) is parsed for what it printed.
     */
    private <T> Optional<T> parse(Source<T> source) {
        String file = source.file();
        Function<String, T> parser = source::parse;
        Optional<String> text = bundle.text(file);
        if (text.isEmpty() || !usable(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parser.apply(text.get()));
        } catch (RuntimeException e) {
            present.remove(file);
            CaptureEntry entry = bundle.entry(file).orElse(null);
            failed.put(file, new FailedSource(file, entry == null ? null : entry.source(),
                    entry == null ? null : entry.exitCode(), "cannot be parsed: " + e.getMessage(), false));
            return Optional.empty();
        }
    }

    private boolean usable(String file) {
        if (failed.containsKey(file) && !present.contains(file)) {
            return false;
        }
        byte[] content = bundle.bytes(file).orElse(new byte[0]);
        CaptureEntry entry = bundle.entry(file).orElse(null);
        if (entry != null && entry.failed()) {
            String message = bundle.stderr(file).map(s -> s.strip().split("\n")[0]).orElse(null);
            failed.putIfAbsent(file, new FailedSource(file, entry.source(), entry.exitCode(), message, entry.toolMissing()));
            if (content.length == 0) {
                return false;
            }
        }
        present.add(file);
        return true;
    }

    private SourceReport report(List<NvmeDrive> nvme) {
        for (Map.Entry<String, CaptureEntry> e : bundle.entries().entrySet()) {
            if (!bundle.has(e.getKey()) && e.getValue().failed()) {
                usable(e.getKey());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String expected : Sources.EXPECTED) {
            if (!bundle.has(expected) && !bundle.entries().containsKey(expected)) {
                missing.add(expected);
            }
        }
        if (nvme != null) {
            for (NvmeDrive d : nvme) {
                String log = d.controller() == null ? null : Sources.SMART_LOGS.file(d.controller());
                if (log != null && !bundle.has(log) && !bundle.entries().containsKey(log) && !missing.contains(log)) {
                    missing.add(log);
                }
            }
        }
        List<String> presentList = new ArrayList<>(present);
        presentList.sort(String::compareTo);
        List<LeftOutSource> leftOut = new ArrayList<>();
        for (CaptureEntry e : bundle.entries().values()) {
            if (!e.leftOutLines().isEmpty()) {
                leftOut.add(new LeftOutSource(e.file(), e.source(), !e.notGathered(), e.leftOutLines()));
            }
        }
        leftOut.sort(Comparator.comparing(LeftOutSource::file));
        return new SourceReport(presentList, missing, new ArrayList<>(failed.values()), leftOut);
    }
}
