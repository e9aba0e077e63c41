package dev.aistorctl.facts.capture;

import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.CpuFacts;
import dev.aistorctl.facts.facts.CpuFreqFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.NvmeHealth;
import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.SystemFacts;
import dev.aistorctl.facts.facts.SystemTuning.Iommu;
import dev.aistorctl.facts.facts.SystemTuning.NumaPlacement;
import dev.aistorctl.facts.facts.SystemTuning.TimeSync;
import dev.aistorctl.facts.parse.BlockSysfsParser;
import dev.aistorctl.facts.parse.BlockSysfsParser.SysfsBlock;
import dev.aistorctl.facts.parse.CpuFreqParser;
import dev.aistorctl.facts.parse.CpuInfoParser;
import dev.aistorctl.facts.parse.DmiMemoryParser;
import dev.aistorctl.facts.parse.DmiSystemParser;
import dev.aistorctl.facts.parse.EthtoolParser;
import dev.aistorctl.facts.parse.EthtoolSettings;
import dev.aistorctl.facts.parse.FstabParser;
import dev.aistorctl.facts.parse.FstabParser.FstabEntry;
import dev.aistorctl.facts.parse.IommuParser;
import dev.aistorctl.facts.parse.IpLinkParser;
import dev.aistorctl.facts.parse.KernelCmdlineParser;
import dev.aistorctl.facts.parse.LsblkParser;
import dev.aistorctl.facts.parse.LscpuParser;
import dev.aistorctl.facts.parse.LspciParser;
import dev.aistorctl.facts.parse.MemInfoParser;
import dev.aistorctl.facts.parse.MountInfoParser;
import dev.aistorctl.facts.parse.MountInfoParser.Mount;
import dev.aistorctl.facts.parse.NetDevicesParser;
import dev.aistorctl.facts.parse.NetDevicesParser.NetDevice;
import dev.aistorctl.facts.parse.NetSpeedParser;
import dev.aistorctl.facts.parse.NvmeListParser;
import dev.aistorctl.facts.parse.NvmeSmartLogParser;
import dev.aistorctl.facts.parse.NvmeSysfsParser;
import dev.aistorctl.facts.parse.NvmeSysfsParser.NvmeController;
import dev.aistorctl.facts.parse.OsReleaseParser;
import dev.aistorctl.facts.parse.PciLinksParser;
import dev.aistorctl.facts.parse.PartitionSignaturesParser;
import dev.aistorctl.facts.parse.PartitionSignaturesParser.PartitionProbe;
import dev.aistorctl.facts.parse.SignaturesParser;
import dev.aistorctl.facts.parse.SignaturesParser.Probe;
import dev.aistorctl.facts.parse.SwapsParser;
import dev.aistorctl.facts.parse.SwapsParser.SwapArea;
import dev.aistorctl.facts.parse.NumaNodesParser;
import dev.aistorctl.facts.parse.SysctlParser;
import dev.aistorctl.facts.parse.ThpParser;
import dev.aistorctl.facts.parse.TimeSyncParser;
import dev.aistorctl.facts.parse.ToolVersionsParser;
import dev.aistorctl.facts.parse.UnameParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every source of the capture bundle (DESIGN.md, "Capture bundle"), each declared once: its file,
 * the shell that gathers it and its parser. The gather script is made from this list, in this
 * order; to add a source, declare it here and add it to {@link #ALL}, then read it where it fills a
 * fact ({@code FactsAssembler}). Shell runs under {@code LC_ALL=C} as root, in the gather script's own
 * shell (no process per source: see gather-frame.sh), so it never calls {@code exit}; {@code $tab} is a
 * tab, {@code sysfs_value FILE} reads one sysfs value into {@code $v}, {@code copy_file FILE} prints a small
 * text file as {@code cat} would, and {@code left_out FILE TEXT} puts in the manifest what a source skipped, and why
 * (a device no fact needs probed). Every process a source starts is paid on every host at every gather: read sysfs
 * with builtins, never a command per device.
 */
public final class Sources {
    public static final Source<CpuFacts> LSCPU = Source.of("lscpu.txt", "lscpu", LscpuParser::parse).expected();
    /** The same fields as {@link #LSCPU}, as JSON: gathered only where the text tells nothing. */
    public static final Source<CpuFacts> LSCPU_JSON = Source.of("lscpu.json", "lscpu -J", LscpuParser::parse).expected()
            .insteadOf(LSCPU, "not gathered: lscpu.txt holds the same fields; lscpu -J runs only when lscpu failed or printed nothing");
    public static final Source<CpuFacts> CPUINFO = Source.of("cpuinfo.txt", "cat /proc/cpuinfo", CpuInfoParser::parse).expected();
    public static final Source<Map<String, Long>> MEMINFO =
            Source.of("meminfo.txt", "cat /proc/meminfo", MemInfoParser::parse).expected();
    /** Root only: as another user dmidecode fails and the memory layout is unknown. */
    public static final Source<MemoryFacts> DMI_MEMORY =
            Source.of("dmidecode-memory.txt", "dmidecode -t memory", DmiMemoryParser::parse).expected();
    /** SMBIOS types 0-3: BIOS, system, board, chassis. Root only. */
    public static final Source<SystemFacts> DMI_SYSTEM =
            Source.of("dmidecode-system.txt", "dmidecode -t 0,1,2,3", DmiSystemParser::parse).expected();
    public static final Source<Map<String, String>> OS_RELEASE =
            Source.of("os-release.txt", "copy_file /etc/os-release", OsReleaseParser::parse)
            .shownAs("cat /etc/os-release").expected();
    public static final Source<UnameParser.Uname> UNAME = Source.of("uname.txt", "uname -a", UnameParser::parse).expected();
    public static final Source<List<BlockDevice>> LSBLK = Source.of("lsblk.json", "lsblk -J -b -O", LsblkParser::parse).expected();
    public static final Source<List<NvmeDrive>> NVME_LIST_JSON =
            Source.of("nvme-list.json", "nvme list -o json", NvmeListParser::parseJson).expected();
    /**
     * nvme-cli's table (both 1.x and 2.x shapes are read), for versions whose JSON fails or prints nothing: the drive
     * list reads it only then, so it is gathered only then, and not on a host where the kernel has no NVMe controller
     * (the drive list is then nvme-sysfs.txt's: none), where it could only fail as the JSON did.
     */
    public static final Source<List<NvmeDrive>> NVME_LIST_TXT =
            Source.of("nvme-list.txt", "nvme list", NvmeListParser::parseTable).expected()
            .insteadOf(NVME_LIST_JSON, "not gathered: the drive list reads nvme-list.json, which answered; "
                    + "nvme list runs as a table only when the JSON failed or printed nothing")
            .notNeededWhen("no_nvme_controller", "not gathered: the kernel has no NVMe controller (none in "
                    + "/sys/class/nvme, or no NVMe driver), so the table could list no drive")
            .withFunctions("""
                    # True when the kernel has no NVMe controller, so nvme list has nothing to show: /sys/class/nvme lists
                    # none, or there is no such folder and no NVMe driver either (a kernel with the driver but without
                    # the folder is an old one: nvme list is asked).
                    no_nvme_controller() {
                        for c in /sys/class/nvme/*; do
                            [ -e "$c" ] && return 1
                        done
                        [ -d /sys/class/nvme ] && return 0
                        [ ! -d /sys/module/nvme ] && [ ! -d /sys/module/nvme_core ]
                    }
                    """);
    /** One SMART / health log per NVMe controller. */
    public static final SourceFamily<NvmeHealth> SMART_LOGS = new SourceFamily<>("nvme-smart-log-", ".json",
            "/sys/class/nvme/nvme*", List.of(), "nvme smart-log \"/dev/$n\" -o json", "nvme smart-log /dev/$n -o json",
            (controller, text) -> NvmeSmartLogParser.parse(text));
    /** Per controller: transport, PCI address, model, serial, firmware, from sysfs (no nvme-cli needed). */
    public static final Source<Map<String, NvmeController>> NVME_SYSFS = Source.of("nvme-sysfs.txt", """
            for c in /sys/class/nvme/nvme*; do [ -e "$c" ] || continue; l=${c##*/}; \
            for a in transport address model serial firmware_rev; do v=-; read -r v 2>/dev/null <"$c/$a"; \
            [ -n "$v" ] || v=-; l="$l$tab$v"; done; printf "%s\\n" "$l"; done""", NvmeSysfsParser::parse);
    public static final Source<List<PciDevice>> LSPCI = Source.of("lspci-vvv.txt", "lspci -vvv -D -nn", LspciParser::parse).expected();
    /** Per PCI function: BDF, class, current and maximum link speed and width from sysfs; preferred over lspci. */
    public static final Source<List<PciDevice>> PCI_LINKS = Source.of("pci-links.txt", """
            for d in /sys/bus/pci/devices/*; do [ -e "$d" ] || continue; l=${d##*/}; \
            for a in class current_link_speed current_link_width max_link_speed max_link_width; do v=-; \
            read -r v 2>/dev/null <"$d/$a"; [ -n "$v" ] || v=-; l="$l$tab$v"; done; printf "%s\\n" "$l"; done""",
            PciLinksParser::parse).expected();
    public static final Source<List<Nic>> IP_LINK = Source.of("ip-link.json", "ip -j -d link", IpLinkParser::parse).expected();
    public static final Source<Map<String, Long>> NET_SPEED = Source.of("net-speed.txt", """
            for f in /sys/class/net/*/speed; do [ -e "$f" ] || continue; v=-1; \
            read -r v 2>/dev/null <"$f" || v=-1; printf "%s:%s\\n" "$f" "$v"; done""",
            NetSpeedParser::parse).expected();
    /** Per interface: its driver and the bus address of its device. */
    public static final Source<Map<String, NetDevice>> NET_DEVICES = Source.of("net-devices.txt", """
            for i in /sys/class/net/*; do [ -e "$i" ] || continue; d=-; b=-; \
            [ -e "$i/device/driver" ] && sysfs_path "$i/device/driver" && d=${v##*/}; \
            [ -e "$i/device" ] && sysfs_path "$i/device" && b=${v##*/}; \
            printf "%s\\t%s\\t%s\\n" "${i##*/}" "$d" "$b"; done""", NetDevicesParser::parse);
    /** One ethtool report per interface but the loopback. */
    public static final SourceFamily<EthtoolSettings> ETHTOOL = new SourceFamily<>("ethtool-", ".txt",
            "/sys/class/net/*", List.of("lo"), "ethtool \"$n\"", "ethtool $n", (iface, text) -> EthtoolParser.parse(text, iface));
    /** Frequency driver and governors of every CPU; none at all is a fact too (no scaling). */
    public static final Source<CpuFreqFacts> CPUFREQ = Source.of("cpufreq.txt", """
            for d in /sys/devices/system/cpu/cpu[0-9]*/cpufreq; do [ -d "$d" ] || continue; \
            for a in scaling_driver scaling_governor scaling_available_governors; do \
            [ -r "$d/$a" ] && read -r v <"$d/$a" && printf "%s:%s\\n" "$d/$a" "$v"; done; done; :""",
            CpuFreqParser::parseSysfs).expected();
    public static final Source<Map<String, String>> SYSCTL = Source.of("sysctl.txt", "sysctl -a", SysctlParser::parse).expected();
    public static final Source<List<Mount>> MOUNTS = Source.of("mounts.txt", "cat /proc/self/mountinfo", MountInfoParser::parse).expected();
    public static final Source<List<FstabEntry>> FSTAB = Source.of("fstab.txt", "copy_file /etc/fstab", FstabParser::parse)
            .shownAs("cat /etc/fstab").expected();
    /** Active swap areas. */
    public static final Source<List<SwapArea>> SWAPS = Source.of("swaps.txt", "copy_file /proc/swaps", SwapsParser::parse)
            .shownAs("cat /proc/swaps");
    /** The arguments the running kernel booted with: where IOMMU mode and other boot-time settings show. */
    public static final Source<List<String>> CMDLINE = Source.of("cmdline.txt", "copy_file /proc/cmdline", KernelCmdlineParser::parse)
            .shownAs("cat /proc/cmdline");
    public static final Source<String> THP = Source.of("thp.txt", "copy_file /sys/kernel/mm/transparent_hugepage/enabled", ThpParser::parse)
            .shownAs("cat /sys/kernel/mm/transparent_hugepage/enabled");
    /** IOMMU units and the default domain type of each IOMMU group ("identity" is passthrough). */
    public static final Source<Iommu> IOMMU = Source.of("iommu.txt", """
            for u in /sys/class/iommu/*; do [ -e "$u" ] && printf "unit\\t%s\\n" "${u##*/}"; done; \
            for g in /sys/kernel/iommu_groups/*/type; do [ -e "$g" ] || continue; sysfs_value "$g"; n=${g%/type}; \
            printf "group\\t%s\\t%s\\n" "${n##*/}" "$v"; done; :""", IommuParser::parse);
    public static final Source<TimeSync> TIMEDATECTL = Source.of("timedatectl.txt", "timedatectl show", TimeSyncParser::timedatectl);
    /** chrony's own view, where chrony keeps the time; an empty file when chronyc is not installed. */
    public static final Source<TimeSync> CHRONY_TRACKING = Source.of("chronyc-tracking.txt",
            "if command -v chronyc >/dev/null; then chronyc tracking; fi", TimeSyncParser::chronyTracking);
    /** NUMA nodes, and the node each NVMe controller and each NIC with a device is attached to. */
    public static final Source<NumaPlacement> NUMA_NODES = Source.of("numa-nodes.txt", """
            for n in /sys/devices/system/node/node[0-9]*; do [ -e "$n" ] && printf "node\\t%s\\n" "${n##*/}"; done; \
            for c in /sys/class/nvme/nvme*; do [ -e "$c" ] || continue; sysfs_value "$c/device/numa_node"; \
            printf "nvme\\t%s\\t%s\\n" "${c##*/}" "$v"; done; \
            for i in /sys/class/net/*; do [ -e "$i/device" ] || continue; sysfs_value "$i/device/numa_node"; \
            printf "net\\t%s\\t%s\\n" "${i##*/}" "$v"; done; :""", NumaNodesParser::parse);
    /** Every block device and partition under /sys/block: holders, flags, size, sysfs path. */
    public static final Source<List<SysfsBlock>> BLOCK_SYSFS = Source.of("block-sysfs.txt", "block_sysfs", BlockSysfsParser::parse)
            .shownAs("for each /sys/block/* and partition: name, disk, dev, holders, ro, removable, size, sysfs path")
            .withFunctions("""
                    # Block devices and partitions as the kernel lists them, for drive eligibility: name, whole disk
                    # (- for a disk), major:minor, holders (md, dm, LVM; comma-separated, - for none), ro, removable,
                    # size in 512-byte sectors, the sysfs path, which names the PCI function behind the drive, and a
                    # loop device's backing file (- for anything else): a loop device has no serial, so the file is
                    # what tells one attached disk image from another.
                    block_line() {
                        h=-
                        for x in "$1"/holders/*; do
                            [ -e "$x" ] || continue
                            if [ "$h" = - ]; then h=${x##*/}; else h="$h,${x##*/}"; fi
                        done
                        sysfs_value "$1/dev"; dev=$v
                        sysfs_value "$1/ro"; ro=$v
                        sysfs_value "$1/removable"; rm=$v
                        sysfs_value "$1/size"; size=$v
                        sysfs_value "$1/loop/backing_file"; bf=$v
                        sysfs_path "$1"
                        printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "${1##*/}" "$2" "$dev" "$h" "$ro" "$rm" "$size" \\
                            "$v" "$bf"
                    }
                    block_sysfs() {
                        for d in /sys/block/*; do
                            [ -e "$d" ] || continue
                            block_line "$d" -
                            for p in "$d"/*/partition; do
                                [ -e "$p" ] && block_line "${p%/partition}" "${d##*/}"
                            done
                        done
                        :
                    }
                    """);
    /**
     * Signatures read from the devices themselves (libblkid's low-level probe through wipefs), because
     * lsblk's FSTYPE and LABEL come from the udev database, which can be stale and is absent in containers.
     */
    public static final Source<Map<String, Probe>> SIGNATURES = Source.of("signatures.txt", "signatures", SignaturesParser::parse)
            .shownAs("wipefs --no-act -J -O DEVICE,OFFSET,TYPE,UUID,LABEL,USAGE /dev/NAME for each block device and partition")
            .withFunctions("""
                    # Per device with a non-zero size: "@device NAME EXIT", then wipefs's JSON or error. Remembers
                    # which whole disks wipefs found blank and which it failed on, for probe_signatures.
                    signatures() {
                        signatures_blank=' '
                        signatures_failed=' '
                        signatures_done=1
                        for d in /sys/block/* /sys/block/*/*/partition; do
                            [ -e "$d" ] || continue
                            d=${d%/partition}
                            sysfs_value "$d/size"
                            [ "$v" = 0 ] && continue
                            n=${d##*/}
                            # a partition's folder has no "removable": its disk's says it
                            if [ -e "$d/removable" ]; then hold_device "$n" "$d"; else hold_device "$n" "${d%/*}"; fi
                            o=$(wipefs --no-act -J -O DEVICE,OFFSET,TYPE,UUID,LABEL,USAGE "/dev/$n" 2>&1)
                            rc=$?
                            printf '@device %s %s\\n%s\\n' "$n" "$rc" "$o"
                            # blank: wipefs ran and listed no signature (no output, or an empty list: every
                            # signature it lists has a "type"); whole disks only (a partition has no "removable")
                            if [ "$rc" != 0 ]; then
                                signatures_failed="$signatures_failed$n "
                            elif [ -e "$d/removable" ]; then
                                case $o in
                                    *'"type"'*) ;;
                                    *) signatures_blank="$signatures_blank$n " ;;
                                esac
                            fi
                            # An XFS superblock's magic "XFSB" (bytes 88 70 83 66) and its sb_inprogress (byte 126):
                            # set while mkfs.xfs runs, cleared at its end. One od for both (-v: every byte, no "*" for
                            # repeated lines), its bytes split by the shell's field splitting; none for a device
                            # without a node in /dev (a container sees the machine's /sys/block), whose od prints nothing.
                            set --
                            [ -e "/dev/$n" ] && set -- $(od -An -v -tu1 -N127 "/dev/$n" 2>/dev/null)
                            if [ "$#" -ge 4 ] && [ "$1 $2 $3 $4" = "88 70 83 66" ]; then
                                if [ "$#" -ge 127 ]; then shift 126; else set -- ""; fi
                                printf '@xfs-in-progress %s\\n' "$1"
                            fi
                            release_device
                        done
                        :
                    }
                    """);
    /**
     * Signatures where a partition usually starts, on every whole device {@link #SIGNATURES} found blank: a drive
     * whose partition table was wiped looks blank to the whole-device probe, while its old partitions' filesystems
     * are still there. The offsets are those of fdisk's and parted's partition alignments over the years: sector 63
     * (32256), sector 504 (258048, some RAID controllers' and old Windows' alignment), 1 MiB (every current tool) and
     * 8 MiB. The drive facts read these probes only for a disk wipefs ran on and found blank, so a disk where it
     * found a signature, or failed, is not probed (four programs fewer per disk): the manifest names each such disk
     * and why ({@link PartitionSignaturesParser#NOT_PROBED_SIGNATURE}). Without the whole-device probe in the same run, every
     * disk is probed.
     */
    public static final Source<Map<String, PartitionProbe>> PARTITION_SIGNATURES = Source.of("partition-signatures.txt",
                    "probe_signatures", PartitionSignaturesParser::parse)
            .shownAs("blkid -p -O OFFSET -o export /dev/NAME for each whole device at 32256, 258048, 1048576 and 8388608 bytes")
            .withFunctions("""
                    # Per whole device with a non-zero size and offset: "@device NAME OFFSET EXIT", then blkid's output;
                    # after signatures in the same run, only the disks it found blank.
                    probe_signatures() {
                        for d in /sys/block/*; do
                            [ -e "$d" ] || continue
                            sysfs_value "$d/size"
                            [ "$v" = 0 ] && continue
                            n=${d##*/}
                            if [ -n "${signatures_done:-}" ]; then
                                case $signatures_blank in
                                    *" $n "*) ;;
                                    *)
                                        case $signatures_failed in
                                            *" $n "*) left_out partition-signatures.txt "$n: NOT_PROBED_WIPEFS_FAILED" ;;
                                            *) left_out partition-signatures.txt "$n: NOT_PROBED_SIGNATURE" ;;
                                        esac
                                        continue
                                        ;;
                                esac
                            fi
                            hold_device "$n" "$d"
                            for o in 32256 258048 1048576 8388608; do
                                out=$(blkid -p -O "$o" -o export "/dev/$n" 2>&1)
                                printf '@device %s %s %s\n%s\n' "$n" "$o" "$?" "$out"
                            done
                            release_device
                        done
                        :
                    }
                    """.replace("NOT_PROBED_WIPEFS_FAILED", PartitionSignaturesParser.NOT_PROBED_WIPEFS_FAILED)
                    .replace("NOT_PROBED_SIGNATURE", PartitionSignaturesParser.NOT_PROBED_SIGNATURE));
    /**
     * The first line of each tool's version, to explain a parser's surprise. The kernel's release is what
     * {@code uname -r} prints, read from /proc by the read builtin: one program fewer per gather.
     */
    public static final Source<Map<String, String>> VERSIONS = Source.of("versions.txt", """
            for c in "nvme version" "lspci --version" "lscpu --version" "ethtool --version" \
            "dmidecode --version" "ip -V"; do printf "%s: " "$c"; o=$($c 2>&1); \
            [ -z "$o" ] || printf "%s\\n" "${o%%"$nl"*}"; done; \
            o=; read -r o 2>/dev/null </proc/sys/kernel/osrelease || o=$(uname -r 2>&1); \
            printf "uname -r: "; [ -z "$o" ] || printf "%s\\n" "$o\"""",
            ToolVersionsParser::parse);

    /** Every source, in the order the script gathers them. */
    public static final List<CaptureSource> ALL = List.of(LSCPU, LSCPU_JSON, CPUINFO, MEMINFO, DMI_MEMORY, DMI_SYSTEM,
            OS_RELEASE, UNAME, LSBLK, NVME_LIST_JSON, NVME_LIST_TXT, SMART_LOGS, NVME_SYSFS, LSPCI, PCI_LINKS, IP_LINK,
            NET_SPEED, NET_DEVICES, ETHTOOL, CPUFREQ, SYSCTL, MOUNTS, FSTAB, SWAPS, CMDLINE, THP, IOMMU, TIMEDATECTL,
            CHRONY_TRACKING, NUMA_NODES, BLOCK_SYSFS, SIGNATURES, PARTITION_SIGNATURES, VERSIONS);

    /** The files every full capture has; a missing one is reported as missing. */
    public static final List<String> EXPECTED = ALL.stream().filter(s -> s instanceof Source<?> one && one.isExpected())
            .map(s -> ((Source<?>) s).file()).toList();

    private Sources() {
    }

    /** Whether {@code file} is a capture source file (of any host, any device). */
    public static boolean isKnown(String file) {
        return ALL.stream().anyMatch(s -> s.fills(file));
    }

    /** The source that fills {@code file}: a declared one, or one device's of a family; empty for other files. */
    public static Optional<Source<?>> find(String file) {
        for (CaptureSource s : ALL) {
            if (s instanceof Source<?> one && one.fills(file)) {
                return Optional.of(one);
            }
            if (s instanceof SourceFamily<?> family && family.fills(file)) {
                return family.deviceOf(file).map(family::of);
            }
        }
        return Optional.empty();
    }
}
