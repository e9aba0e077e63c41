package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.Json;
import dev.aistorctl.hwcheck.accept.DriveGates;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Acceptance: measures what the hardware delivers on every host and judges it against the profile's
 * figures and against the peers. Hosts are measured in parallel; one that cannot be measured is named
 * and never stops the others.
 */
public final class Accept {
    public static final String FILE = "accept.json";

    private Accept() {
    }

    public static AcceptResult run(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> connections,
                                   DriveRequest drives, Output output) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        output.progress("drives: write then read " + (drives.sizeBytes() >> 20) + " MiB with direct I/O on every data drive of "
                + hosts.size() + " hosts, all at once (≤ " + drives.togetherSeconds() + " s a pass), then each alone (≤ "
                + drives.aloneSeconds() + " s)");
        List<HostOutcome<HostDrives>> outcomes = Fanout.run(hosts, InventoryHost::name, h -> {
            try (Connector c = connections.apply(h.name())) {
                HostDrives d = new DriveBench(c, drives).run(h.mountPaths());
                output.progress(h.name() + ": drives measured with " + d.tool() + " in " + Math.round(d.seconds()) + " s");
                return d;
            }
        });
        seconds.put("drives", (System.nanoTime() - start) / 1e9);
        List<HostDrives> measured = new ArrayList<>();
        Map<String, String> unmeasured = new LinkedHashMap<>();
        for (HostOutcome<HostDrives> o : outcomes) {
            if (o.ok()) {
                measured.add(o.value());
            } else {
                unmeasured.put(o.host(), o.error());
            }
        }
        List<DriveThroughput> all = measured.stream().flatMap(h -> h.drives().stream()).toList();
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        hosts.forEach(h -> findings.put(h.name(), new ArrayList<>()));
        DriveGates.judge(profile, all).forEach((host, f) -> findings.get(host).addAll(f));
        return new AcceptResult(profile.name(), measured, findings, unmeasured, seconds);
    }

    /** Writes accept.json into the run's directory. */
    public static Path write(AcceptResult result, Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
            Files.writeString(file, Json.pretty().writeValueAsString(result) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
