package dev.aistorctl.cli.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.lab.DriveRole;
import dev.aistorctl.lab.DriveThrottle;
import dev.aistorctl.lab.HostState;
import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;
import dev.aistorctl.lab.LabState;
import dev.aistorctl.workflows.text.Table;

/** A lab as {@code lab status}, {@code lab up} and {@code lab start} print it: a row per host, or JSON. */
final class LabStateView {
    private LabStateView() {
    }

    static void print(LabState state, Terminal terminal) {
        if (terminal.json()) {
            terminal.printJson(json(state));
            return;
        }
        Table table = new Table("HOST", "ADDRESS", "STATE", "DATA DRIVES", "SYSTEM DISK", "THROTTLED");
        for (LabHost host : state.hosts()) {
            String colour = host.state() == HostState.RUNNING ? "green" : "red";
            LabDrive system = host.drives().stream().filter(d -> d.mountPoint() != null).findFirst().orElse(null);
            table.row(host.name(), host.address(), terminal.style("@|" + colour + " " + host.state().label() + "|@"),
                    host.dataDrives().size() + " x " + sizeOf(host.dataDrives()),
                    system == null ? null : system.device() + " on " + system.mountPoint(), throttled(host.dataDrives()));
        }
        terminal.println("lab " + state.name() + " (" + state.subnet() + ", state in " + state.stateDir() + ")");
        terminal.println(table.render().stripTrailing());
    }

    /** The data drives {@code lab throttle} slowed, "2: writes 128 KiB/s" each, so that none is forgotten; null when none is. */
    static String throttled(List<LabDrive> drives) {
        List<String> slow = drives.stream().filter(d -> d.throttle() == null || !d.throttle().none())
                .map(d -> d.index() + ": " + (d.throttle() == null ? "unknown (QEMU's monitor did not answer)" : describe(d.throttle()))).toList();
        return slow.isEmpty() ? null : String.join(", ", slow);
    }

    /** "reads and writes 5 MB/s", "writes 128 KiB/s", "reads 1 MiB/s, writes 128 KiB/s". */
    static String describe(DriveThrottle t) {
        String read = new ByteSize(t.readBytesPerSecond()).human() + "/s";
        String write = new ByteSize(t.writeBytesPerSecond()).human() + "/s";
        if (t.readBytesPerSecond() == t.writeBytesPerSecond()) {
            return "reads and writes " + read;
        }
        return t.readBytesPerSecond() == 0 ? "writes " + write : t.writeBytesPerSecond() == 0 ? "reads " + read : "reads " + read + ", writes " + write;
    }

    private static String sizeOf(List<LabDrive> drives) {
        return drives.isEmpty() ? "-" : new ByteSize(drives.get(0).sizeBytes()).human();
    }

    private static Map<String, Object> json(LabState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", state.name());
        json.put("subnet", state.subnet());
        json.put("state_dir", state.stateDir().toString());
        json.put("inventory", state.inventory().toString());
        json.put("known_hosts", state.knownHosts().toString());
        json.put("client_key", state.clientKey().toString());
        json.put("hosts", state.hosts().stream().map(host -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("name", host.name());
            h.put("address", host.address());
            h.put("state", host.state().label());
            h.put("drives", host.drives().stream().map(drive -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("role", drive.role().name().toLowerCase(java.util.Locale.ROOT));
                d.put("device", drive.device());
                d.put("size_bytes", drive.sizeBytes());
                d.put("mount_point", drive.mountPoint());
                if (drive.role() == DriveRole.DATA) {
                    // in bytes per second, 0 for no limit; null when it could not be read
                    Map<String, Object> t = null;
                    if (drive.throttle() != null) {
                        t = new LinkedHashMap<>();
                        t.put("read_bytes_per_second", drive.throttle().readBytesPerSecond());
                        t.put("write_bytes_per_second", drive.throttle().writeBytesPerSecond());
                    }
                    d.put("throttle", t);
                }
                return d;
            }).toList());
            return h;
        }).toList());
        return json;
    }
}
