package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.parse.CpuFreqParser;
import dev.aistorctl.facts.parse.CpuInfoParser;
import dev.aistorctl.facts.parse.DmiDecodeParser;
import dev.aistorctl.facts.parse.EthtoolParser;
import dev.aistorctl.facts.parse.FstabParser;
import dev.aistorctl.facts.parse.IommuParser;
import dev.aistorctl.facts.parse.IpLinkParser;
import dev.aistorctl.facts.parse.KernelCmdlineParser;
import dev.aistorctl.facts.parse.NumaNodesParser;
import dev.aistorctl.facts.parse.PingParser;
import dev.aistorctl.facts.parse.SwapsParser;
import dev.aistorctl.facts.parse.ThpParser;
import dev.aistorctl.facts.parse.TimeSyncParser;
import dev.aistorctl.facts.parse.LsblkParser;
import dev.aistorctl.facts.parse.LscpuParser;
import dev.aistorctl.facts.parse.LspciParser;
import dev.aistorctl.facts.parse.MemInfoParser;
import dev.aistorctl.facts.parse.MountInfoParser;
import dev.aistorctl.facts.parse.NetSpeedParser;
import dev.aistorctl.facts.parse.NvmeListParser;
import dev.aistorctl.facts.parse.NvmeSmartLogParser;
import dev.aistorctl.facts.parse.OsReleaseParser;
import dev.aistorctl.facts.parse.PciLinksParser;
import dev.aistorctl.facts.parse.SmartctlParser;
import dev.aistorctl.facts.parse.SysctlParser;
import dev.aistorctl.facts.parse.SysfsValuesParser;
import dev.aistorctl.facts.parse.ToolVersionsParser;
import dev.aistorctl.facts.parse.UnameParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in the fixture folders is read by the parser for its kind and yields something. A new
 * fixture that nothing reads, or that makes a parser throw, fails here.
 */
class FixtureCoverageTest {
    /** Descriptions of the fixtures, not captures. */
    private static final Set<String> DOCUMENTS = Set.of("README.md", "SOURCES.md", "QEMU_COMMAND");

    /**
     * Captures that truly hold nothing: no SMBIOS in a Firecracker VM or in a directly booted arm64
     * VM (QEMU's virt board hands its tables to UEFI firmware only), an fstab of comments only.
     */
    private static final Set<String> EMPTY_BY_NATURE = Set.of(
            "emulated/firecracker-host/dmidecode-memory.txt",
            "emulated/firecracker-host/dmidecode-system.txt",
            "emulated/firecracker-host/fstab.txt",
            "emulated/firecracker-host/swaps.txt",
            "emulated/firecracker-host/timedatectl.txt",
            "emulated/qemu-vm-lowered-link/swaps.txt",
            "emulated/qemu-vm-foreign-drives/swaps.txt",
            "emulated/qemu-vm-arm64/dmidecode-memory.txt",
            "emulated/qemu-vm-arm64/dmidecode-system.txt",
            "emulated/qemu-vm-arm64/swaps.txt");

    /** Inputs the fuzzers found, each replayed by its own fuzz test against the reader it broke, not parsed as a capture. */
    private static final String FUZZ_CRASHERS = "fuzz/";

    @Test
    void everyFixtureFileIsParsed() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Fixtures.root())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path f : files) {
            String rel = Fixtures.root().relativize(f).toString().replace('\\', '/');
            if (rel.startsWith(FUZZ_CRASHERS)) {
                continue;
            }
            try {
                Object result = parse(rel, f);
                if (EMPTY_BY_NATURE.contains(rel)) {
                    assertThat(result).as(rel).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION).isEmpty();
                } else if (result == null) {
                    problems.add(rel + ": no parser handles this file");
                } else if (result instanceof java.util.Collection<?> c && c.isEmpty() && Files.size(f) > 0) {
                    problems.add(rel + ": parsed to nothing");
                } else if (result instanceof java.util.Map<?, ?> m && m.isEmpty() && Files.size(f) > 0) {
                    problems.add(rel + ": parsed to nothing");
                }
            } catch (RuntimeException e) {
                problems.add(rel + ": " + e);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Files a capture bundle of ours holds that the fixture layout has no case for: the source's own parser reads them. */
    private static Object bySource(String name, String text) {
        for (dev.aistorctl.facts.capture.CaptureSource s : dev.aistorctl.facts.capture.Sources.ALL) {
            if (s instanceof dev.aistorctl.facts.capture.Source<?> one && one.file().equals(name)) {
                return one.parse(text);
            }
        }
        return null;
    }

    /** Dispatches on the file's name and folder, as a capture bundle or the fixture layout names it. */
    static Object parse(String rel, Path f) throws IOException {
        String name = f.getFileName().toString();
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (DOCUMENTS.contains(name)) {
            return List.of(name);
        }
        if (name.endsWith(".err") || name.equals("EXIT_CODES") || name.equals(CaptureBundle.MANIFEST)) {
            // stderr and exit codes belong to the bundle: the bundle reader must pick them up
            CaptureBundle b = CaptureBundle.read(f.getParent());
            String source = name.endsWith(".err") ? name.substring(0, name.length() - 4) : null;
            return source == null ? b.entries().values() : b.stderr(source).map(List::of).orElse(List.of());
        }
        if (rel.startsWith("emulated/ping-mtu/")) {
            return ping(f, name);
        }
        if (rel.startsWith("emulated/accept/")) {
            // a failed run is a result too: it must parse to a problem, not throw
            dev.aistorctl.facts.parse.TransferResult r = name.startsWith("fio-")
                    ? dev.aistorctl.facts.parse.FioJsonParser.parse(text, name.contains("read") ? "read" : "write")
                    : dev.aistorctl.facts.parse.DdSummaryParser.parse(text);
            return List.of(r);
        }
        String dir = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
        boolean real = dir.equals("real");
        if (real) {
            String kind = rel.split("/")[1];
            return switch (kind) {
                case "lscpu" -> nonEmpty(LscpuParser.parse(text).threads());
                case "dmidecode" -> DmiDecodeParser.parse(text);
                case "lspci" -> LspciParser.parse(text);
                case "meminfo" -> MemInfoParser.parse(text);
                case "nvme" -> nvme(name, text);
                case "smartctl" -> nonEmpty(SmartctlParser.parse(text).model());
                case "ethtool" -> nonEmpty(EthtoolParser.parse(text, null).speedMbps());
                case "cpufreq" -> name.contains("hwmon") ? SysfsValuesParser.parse(text)
                        : nonEmpty(CpuFreqParser.parse(text).availableGovernors());
                case "os-release" -> OsReleaseParser.parse(text);
                case "cmdline" -> KernelCmdlineParser.parse(text);
                case "chrony" -> nonEmpty(TimeSyncParser.chronyTracking(text));
                default -> null;
            };
        }
        if (name.startsWith("ethtool-")) {
            return List.of(EthtoolParser.parse(text, name));
        }
        if (name.startsWith("nvme-smart-log-")) {
            return text.isEmpty() ? List.of() : List.of(NvmeSmartLogParser.parse(text));
        }
        return switch (name) {
            case "lscpu.txt", "lscpu.json" -> nonEmpty(LscpuParser.parse(text).threads());
            case "cpuinfo.txt" -> nonEmpty(CpuInfoParser.parse(text).threads());
            case "meminfo.txt" -> MemInfoParser.parse(text);
            case "dmidecode-memory.txt", "dmidecode-system.txt" -> DmiDecodeParser.parse(text);
            case "os-release.txt" -> OsReleaseParser.parse(text);
            case "uname.txt" -> nonEmpty(UnameParser.parse(text).kernelRelease());
            case "lsblk.json" -> LsblkParser.parse(text);
            case "nvme-list.json" -> text.isEmpty() ? List.of() : NvmeListParser.parseJson(text);
            case "nvme-list.txt" -> NvmeListParser.parseTable(text);
            case "lspci-vvv.txt" -> LspciParser.parse(text);
            case "pci-links.txt" -> PciLinksParser.parse(text);
            case "pci-links-grep.txt" -> SysfsValuesParser.parse(text);
            case "ip-link.json" -> IpLinkParser.parse(text);
            case "net-speed.txt" -> NetSpeedParser.parse(text);
            case "cpufreq.txt" -> List.of(CpuFreqParser.parseSysfs(text));
            case "sysctl.txt" -> SysctlParser.parse(text);
            case "mounts.txt" -> MountInfoParser.parse(text);
            case "fstab.txt" -> FstabParser.parse(text);
            case "versions.txt" -> ToolVersionsParser.parse(text);
            case "swaps.txt" -> SwapsParser.parse(text);
            case "cmdline.txt" -> KernelCmdlineParser.parse(text);
            case "thp.txt" -> ThpParser.parse(text);
            case "iommu.txt" -> nonEmpty(IommuParser.parse(text));
            case "timedatectl.txt" -> text.isEmpty() ? List.of() : nonEmpty(TimeSyncParser.timedatectl(text));
            case "chronyc-tracking.txt" -> nonEmpty(TimeSyncParser.chronyTracking(text));
            case "numa-nodes.txt" -> nonEmpty(NumaNodesParser.parse(text));
            default -> bySource(name, text);
        };
    }

    /** One ping run is three files: .stdout is parsed with its .stderr and .exit; those two are read there. */
    private static Object ping(Path f, String name) throws IOException {
        String base = name.substring(0, name.lastIndexOf('.'));
        Path dir = f.getParent();
        String stdout = Files.readString(dir.resolve(base + ".stdout"), StandardCharsets.UTF_8);
        String stderr = Files.readString(dir.resolve(base + ".stderr"), StandardCharsets.UTF_8);
        int exit = Integer.parseInt(Files.readString(dir.resolve(base + ".exit"), StandardCharsets.UTF_8).strip());
        return nonEmpty(PingParser.parse(stdout, stderr, exit).transmitted());
    }

    private static Object nvme(String name, String text) {
        if (name.contains("smartctl")) {
            return SmartctlParser.isScan(text) ? SmartctlParser.parseScan(text) : nonEmpty(SmartctlParser.parse(text).model());
        }
        if (name.contains("smart-log")) {
            return List.of(NvmeSmartLogParser.parse(text));
        }
        if (name.contains("list-empty")) {
            List<?> none = NvmeListParser.parse(text);
            if (!none.isEmpty()) {
                fail("empty nvme list parsed to " + none);
            }
            return List.of("empty as expected");
        }
        return NvmeListParser.parse(text);
    }

    private static Object nonEmpty(Object value) {
        return value == null ? List.of() : List.of(value);
    }
}
