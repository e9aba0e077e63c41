package dev.aistorctl.facts.capture;

import java.util.List;
import java.util.regex.Pattern;

/** The capture source file names of the bundle format (DESIGN.md), plus the sysfs extras we collect. */
public final class Sources {
    public static final String LSCPU = "lscpu.txt";
    public static final String LSCPU_JSON = "lscpu.json";
    public static final String CPUINFO = "cpuinfo.txt";
    public static final String MEMINFO = "meminfo.txt";
    public static final String DMI_MEMORY = "dmidecode-memory.txt";
    public static final String DMI_SYSTEM = "dmidecode-system.txt";
    public static final String OS_RELEASE = "os-release.txt";
    public static final String UNAME = "uname.txt";
    public static final String LSBLK = "lsblk.json";
    public static final String NVME_LIST_JSON = "nvme-list.json";
    public static final String NVME_LIST_TXT = "nvme-list.txt";
    public static final String NVME_SYSFS = "nvme-sysfs.txt";
    public static final String LSPCI = "lspci-vvv.txt";
    public static final String PCI_LINKS = "pci-links.txt";
    public static final String IP_LINK = "ip-link.json";
    public static final String NET_SPEED = "net-speed.txt";
    public static final String NET_DEVICES = "net-devices.txt";
    public static final String CPUFREQ = "cpufreq.txt";
    public static final String SYSCTL = "sysctl.txt";
    public static final String MOUNTS = "mounts.txt";
    public static final String FSTAB = "fstab.txt";
    public static final String VERSIONS = "versions.txt";
    /** /proc/swaps: active swap areas. */
    public static final String SWAPS = "swaps.txt";
    /** Every block device and partition under /sys/block: holders, flags, size, sysfs path. */
    public static final String BLOCK_SYSFS = "block-sysfs.txt";
    /** wipefs's low-level probe of every block device and partition: on-disk signatures. */
    public static final String SIGNATURES = "signatures.txt";

    /** The sources every full capture has; a missing one is reported as missing. */
    public static final List<String> EXPECTED = List.of(LSCPU, LSCPU_JSON, CPUINFO, MEMINFO, DMI_MEMORY, DMI_SYSTEM,
            OS_RELEASE, UNAME, LSBLK, NVME_LIST_JSON, NVME_LIST_TXT, LSPCI, PCI_LINKS, IP_LINK, NET_SPEED, CPUFREQ,
            SYSCTL, MOUNTS, FSTAB);

    private static final Pattern SMART_LOG = Pattern.compile("nvme-smart-log-(nvme[0-9]+)\\.json");
    private static final Pattern ETHTOOL = Pattern.compile("ethtool-(.+)\\.txt");

    private Sources() {
    }

    public static boolean isKnown(String file) {
        return EXPECTED.contains(file) || file.equals(NVME_SYSFS) || file.equals(NET_DEVICES) || file.equals(VERSIONS)
                || file.equals(SWAPS) || file.equals(BLOCK_SYSFS) || file.equals(SIGNATURES)
                || SMART_LOG.matcher(file).matches() || ETHTOOL.matcher(file).matches();
    }

    /** "nvme-smart-log-nvme3.json" gives "nvme3"; null for any other name. */
    public static String smartLogController(String file) {
        var m = SMART_LOG.matcher(file);
        return m.matches() ? m.group(1) : null;
    }

    /** "ethtool-eth0.txt" gives "eth0"; null for any other name. */
    public static String ethtoolInterface(String file) {
        var m = ETHTOOL.matcher(file);
        return m.matches() ? m.group(1) : null;
    }

    public static String smartLogFile(String controller) {
        return "nvme-smart-log-" + controller + ".json";
    }

    public static String ethtoolFile(String iface) {
        return "ethtool-" + iface + ".txt";
    }
}
