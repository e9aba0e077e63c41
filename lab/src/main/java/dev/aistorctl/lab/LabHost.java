package dev.aistorctl.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * One lab host.
 *
 * @param netns      the named network namespace the container runs in (ip netns)
 * @param consoleLog the container's console output and its supervisor's notes, across reboots
 * @param drives     data drives first (by index), then the system disk
 */
public record LabHost(String name, String address, String netns, HostState state, Path consoleLog, List<LabDrive> drives) {
    public LabHost {
        drives = List.copyOf(drives);
    }

    public List<LabDrive> dataDrives() {
        return drives.stream().filter(d -> d.role() == DriveRole.DATA).toList();
    }
}
