package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code block-sysfs.txt}: one tab-separated line per block device and partition under
 * /sys/block (name, whole disk or "-", major:minor, holders comma-separated or "-", ro,
 * removable, size in 512-byte sectors, resolved sysfs path, and since the ninth column was added
 * a loop device's backing file); "-" is unknown. Captures made before the ninth column read as
 * having no backing file.
 */
public final class BlockSysfsParser {
    private static final Pattern PCI_FUNCTION =
            Pattern.compile("/([0-9a-fA-F]{4,}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])(?=/)");

    private BlockSysfsParser() {
    }

    /**
     * One device as sysfs shows it.
     *
     * @param disk       the whole disk of a partition, null for a disk
     * @param holders    devices built on top of this one (md0, dm-0), empty when none
     * @param sizeBytes  the kernel's size (sectors of 512 bytes whatever the drive's sector size)
     * @param sysfsPath  where /sys/block/NAME points, e.g. /sys/devices/pci0000:00/0000:00:02.0/.../nvme0n1
     * @param backingFile the file behind a loop device; null for other devices and older captures
     */
    public record SysfsBlock(String name, String disk, String majorMinor, List<String> holders, Boolean readOnly,
            Boolean removable, Long sizeBytes, String sysfsPath, String backingFile) {
        public SysfsBlock {
            holders = List.copyOf(holders);
        }

        /** The PCI function nearest the device in its sysfs path (the NVMe controller, HBA or AHCI port); null for virtual devices. */
        public String pciAddress() {
            if (sysfsPath == null) {
                return null;
            }
            String last = null;
            Matcher m = PCI_FUNCTION.matcher(sysfsPath);
            while (m.find()) {
                last = m.group(1).toLowerCase(java.util.Locale.ROOT);
            }
            return last;
        }
    }

    public static List<SysfsBlock> parse(String text) {
        List<SysfsBlock> out = new ArrayList<>();
        for (String line : Text.lines(text)) {
            String[] f = line.split("\t", -1);
            if (f.length < 8 || f[0].isBlank()) {
                continue;
            }
            Long sectors = known(f[6]) == null ? null : Text.toLong(f[6]);
            out.add(new SysfsBlock(f[0], known(f[1]), known(f[2]),
                    known(f[3]) == null ? List.of() : Arrays.stream(f[3].split(",")).filter(s -> !s.isBlank()).toList(),
                    flag(f[4]), flag(f[5]), sectors == null ? null : sectors * 512, known(f[7]),
                    f.length > 8 ? known(f[8]) : null));
        }
        return out;
    }

    private static String known(String value) {
        String v = Text.blankToNull(value);
        return v == null || v.equals("-") ? null : v;
    }

    private static Boolean flag(String value) {
        String v = known(value);
        return v == null ? null : v.equals("1") ? Boolean.TRUE : v.equals("0") ? Boolean.FALSE : null;
    }
}
