package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.Json;
import dev.aistorctl.hwcheck.accept.DriveGates;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.accept.NetworkGates;
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
 * Acceptance: measures what the hardware delivers on every host (its data drives, then the data
 * network between the hosts) and judges it against the profile's figures and against the peers. Hosts
 * are measured in parallel; one that cannot be measured is named and never stops the others.
 */
public final class Accept {
    public static final String FILE = "accept.json";

    private Accept() {
    }

    /**
     * @param drives  how to test the drives, null to leave them out
     * @param network how to test the network, null to leave it out
     * @param parallel how many hosts' drives at once; a network round always runs on every host at once
     */
    public static AcceptResult run(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> connections,
                                   DriveRequest drives, NetworkRequest network, int parallel, Output output) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        hosts.forEach(h -> findings.put(h.name(), new ArrayList<>()));
        Map<String, String> unmeasured = new LinkedHashMap<>();
        List<HostDrives> measured = new ArrayList<>();
        if (drives != null) {
            long start = System.nanoTime();
            measured.addAll(drives(hosts, connections, drives, parallel, output, unmeasured));
            seconds.put("drives", (System.nanoTime() - start) / 1e9);
            List<DriveThroughput> all = measured.stream().flatMap(h -> h.drives().stream()).toList();
            DriveGates.judge(profile, all).forEach((host, f) -> findings.get(host).addAll(f));
        }
        NetworkResult net = null;
        if (network != null) {
            long start = System.nanoTime();
            net = new NetworkBench(connections, network).run(hosts, output);
            seconds.put("network", (System.nanoTime() - start) / 1e9);
            net.unmeasured().forEach((host, why) -> unmeasured.merge(host, "network: " + why, (a, b) -> a + "; " + b));
            NetworkGates.judge(profile, net.hosts()).forEach((host, f) -> findings.get(host).addAll(f));
        }
        return new AcceptResult(profile.name(), measured, net, findings, unmeasured, seconds);
    }

    private static List<HostDrives> drives(List<InventoryHost> hosts, Function<String, Connector> connections, DriveRequest drives,
                                           int parallel, Output output, Map<String, String> unmeasured) {
        output.progress("drives: write then read " + (drives.sizeBytes() >> 20) + " MiB with direct I/O on every data drive of "
                + hosts.size() + " hosts, all at once (≤ " + drives.togetherSeconds() + " s a pass), then each alone (≤ "
                + drives.aloneSeconds() + " s)");
        List<HostOutcome<HostDrives>> outcomes = Fanout.run(hosts, InventoryHost::name, parallel, h -> {
            try (Connector c = connections.apply(h.name())) {
                HostDrives d = new DriveBench(c, drives).run(h.mountPaths());
                output.progress(h.name() + ": drives measured with " + d.tool() + " in " + Math.round(d.seconds()) + " s");
                return d;
            }
        }, FanoutListener.NONE);
        List<HostDrives> measured = new ArrayList<>();
        for (HostOutcome<HostDrives> o : outcomes) {
            if (o.ok()) {
                measured.add(o.value());
            } else {
                unmeasured.put(o.host(), o.error());
            }
        }
        return measured;
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
