package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's state file ({@code lab.state}): what up created, written before and after each
 * creation so that down finds everything even after a crash half-way through up. One record a
 * line, tab-separated, so that it stays readable with {@code cat} when something went wrong.
 */
final class LabRecord {
    static final String FILE = "lab.state";
    private static final int FORMAT = 1;

    final String name;
    LabKind kind = LabKind.CONTAINER;
    /** The hosts' architecture; a record written before arm64 hosts existed is the controller's. */
    LabArch arch = LabArch.controller();
    int hosts;
    int drives;
    long driveSizeBytes;
    /** Whether the data drives' images are allocated (LabSpec.allocatedDrives); a record from before says no. */
    boolean allocatedDrives;
    String subnetPrefix;
    Path base;
    boolean inotifyRaised;
    final Map<String, HostRecord> hostRecords = new LinkedHashMap<>();

    /** One host: its names in the kernel (a VM has no namespace, "-", and a tap as its link) and its drives. */
    record HostRecord(String name, String address, String netns, String veth, List<LabDrive> drives) {
    }

    LabRecord(String name) {
        this.name = name;
    }

    String bridge() {
        return LabNetwork.bridgeName(name);
    }

    /** Hosts in node order (they are recorded in whatever order parallel setup reaches them). */
    synchronized List<HostRecord> hostsInOrder() {
        List<HostRecord> list = new ArrayList<>(hostRecords.values());
        list.sort(java.util.Comparator.comparingInt(h -> Integer.parseInt(h.name().substring(h.name().lastIndexOf("node") + 4))));
        return list;
    }

    synchronized void addHost(HostRecord host) {
        hostRecords.put(host.name(), host);
    }

    synchronized void addDrive(String host, LabDrive drive) {
        HostRecord h = hostRecords.get(host);
        List<LabDrive> drives = new ArrayList<>(h.drives());
        drives.add(drive);
        hostRecords.put(host, new HostRecord(h.name(), h.address(), h.netns(), h.veth(), drives));
    }

    synchronized void write(Path stateDir) {
        StringBuilder sb = new StringBuilder();
        sb.append("# aistorctl lab state: what up created, read by status and down\n");
        line(sb, "format", FORMAT);
        line(sb, "name", name);
        line(sb, "kind", kind.label());
        line(sb, "arch", arch.label());
        line(sb, "hosts", hosts);
        line(sb, "drives", drives);
        line(sb, "drive_size", driveSizeBytes);
        line(sb, "allocated_drives", allocatedDrives);
        line(sb, "subnet", subnetPrefix == null ? "-" : subnetPrefix);
        line(sb, "bridge", bridge());
        line(sb, "base", base == null ? "-" : base);
        line(sb, "inotify_raised", inotifyRaised);
        for (HostRecord h : hostsInOrder()) {
            line(sb, "host", h.name(), h.address(), h.netns(), h.veth());
            for (LabDrive d : h.drives()) {
                line(sb, "drive", h.name(), d.role().name().toLowerCase(), d.index(), d.device(), d.backingFile(),
                        d.sizeBytes(), d.mountPoint() == null ? "-" : d.mountPoint());
            }
        }
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("lab " + name + ": cannot write " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The record in {@code stateDir}, or null when there is none. */
    static LabRecord read(String name, Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        LabRecord r = new LabRecord(name);
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                String[] f = raw.split("\t", -1);
                switch (f[0]) {
                    case "kind" -> r.kind = LabKind.parse(f[1]);
                    case "arch" -> r.arch = LabArch.parse(f[1]);
                    case "hosts" -> r.hosts = Integer.parseInt(f[1]);
                    case "drives" -> r.drives = Integer.parseInt(f[1]);
                    case "drive_size" -> r.driveSizeBytes = Long.parseLong(f[1]);
                    case "allocated_drives" -> r.allocatedDrives = Boolean.parseBoolean(f[1]);
                    case "subnet" -> r.subnetPrefix = "-".equals(f[1]) ? null : f[1];
                    case "base" -> r.base = "-".equals(f[1]) ? null : Path.of(f[1]);
                    case "inotify_raised" -> r.inotifyRaised = Boolean.parseBoolean(f[1]);
                    case "host" -> r.hostRecords.put(f[1], new HostRecord(f[1], f[2], f[3], f[4], List.of()));
                    case "drive" -> r.addDrive(f[1], new LabDrive(DriveRole.valueOf(f[2].toUpperCase()),
                            Integer.parseInt(f[3]), f[4], Path.of(f[5]), Long.parseLong(f[6]), "-".equals(f[7]) ? null : f[7]));
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LabException("lab " + name + ": state file " + file + " is unreadable (" + e.getMessage()
                    + "); down still removes what it finds by name", e);
        }
        return r;
    }

    private static void line(StringBuilder sb, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            sb.append(i == 0 ? "" : "\t").append(fields[i]);
        }
        sb.append('\n');
    }
}
