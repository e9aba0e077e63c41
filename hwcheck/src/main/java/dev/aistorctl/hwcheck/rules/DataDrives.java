package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.SystemDisk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NVMe drives meant for data: every namespace except the system disk ({@link SystemDisk}: a
 * root, boot, EFI or swap mount on it or below it), since many servers boot from a small M.2 NVMe
 * that is not part of the storage design. One entry per drive (by serial), so a drive
 * with several namespaces counts once. Without block device facts no drive is excluded.
 */
record DataDrives(List<NvmeDrive> drives, List<String> osDrives) {
    static DataDrives of(HostFacts facts) {
        Map<String, NvmeDrive> bySerial = new LinkedHashMap<>();
        List<String> os = new ArrayList<>();
        for (NvmeDrive d : facts.nvme()) {
            String mount = systemMount(facts, d.device());
            if (mount != null) {
                os.add(d.device() + " (serial " + d.serial() + ") holds " + mount);
                continue;
            }
            bySerial.putIfAbsent(d.serial() != null ? d.serial() : d.device(), d);
        }
        return new DataDrives(List.copyOf(bySerial.values()), List.copyOf(os));
    }

    /** The note for messages, empty when no drive was set aside. */
    String osNote() {
        return osDrives.isEmpty() ? "" : " (not counted, system drive: " + String.join("; ", osDrives) + ")";
    }

    private static String systemMount(HostFacts facts, String device) {
        if (facts.blockDevices() == null || device == null) {
            return null;
        }
        String name = device.substring(device.lastIndexOf('/') + 1);
        for (BlockDevice b : facts.blockDevices()) {
            if (name.equals(b.name()) || device.equals(b.path())) {
                return SystemDisk.use(b).orElse(null);
            }
        }
        return null;
    }
}
