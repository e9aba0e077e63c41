package dev.aistorctl.lab;

import java.nio.file.Path;
import java.util.List;

/** The version 1 inventory of a lab, ready for every aistorctl command. */
final class InventoryFile {
    private InventoryFile() {
    }

    static String render(String lab, int drives, long driveSizeBytes, Path key, Path knownHosts, Path passwordFile,
                         List<String[]> hostsAndAddresses) {
        return render(lab, "lab", drives, driveSizeBytes, key, knownHosts, passwordFile, hostsAndAddresses);
    }

    /** @param hardwareProfile the built-in profile the lab's hosts pass: lab (containers) or lab-vm */
    static String render(String lab, String hardwareProfile, int drives, long driveSizeBytes, Path key, Path knownHosts, Path passwordFile,
                         List<String[]> hostsAndAddresses) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by aistorctl lab up; the lab's hosts, keys and drives.\n");
        sb.append("version: 1\n");
        sb.append("cluster: {name: ").append(lab).append(", hardware_profile: ").append(hardwareProfile)
                .append(", tuning_profile: aistor-performance}\n");
        sb.append("ssh: {user: root, port: 22, identity_file: ").append(key).append(", known_hosts: ").append(knownHosts)
                .append(", become: none, connect_timeout: 10s, command_timeout: 10m}\n");
        sb.append("node: {flavour: s3proxy, api_port: 9000, console_port: 9001, root_user: aistoradmin, root_password: {file: ")
                .append(passwordFile).append("}}\n");
        sb.append("pools:\n");
        sb.append("  - name: pool1\n");
        sb.append("    hosts: ").append(lab).append("-node{1...").append(hostsAndAddresses.size()).append("}\n");
        // The lower bound leaves room for a drive reported a little smaller; the system disk is half a drive and never matches.
        sb.append("    drives:\n");
        sb.append("      count: ").append(drives).append('\n');
        sb.append("      select: {transport: any, min_size: ").append(size(driveSizeBytes - Math.max(64L << 20, driveSizeBytes / 32)))
                .append(", max_size: ").append(size(driveSizeBytes)).append("}\n");
        sb.append("      mount: /mnt/drive{1...").append(drives).append("}\n");
        sb.append("hosts:\n");
        for (String[] h : hostsAndAddresses) {
            sb.append("  ").append(h[0]).append(": {address: ").append(h[1]).append("}\n");
        }
        return sb.toString();
    }

    /** Sizes in the largest binary unit that keeps them whole, e.g. 2GiB or 1984MiB. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes % 1024 == 0 && bytes > 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
