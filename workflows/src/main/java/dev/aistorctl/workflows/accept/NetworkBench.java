package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.parse.Iperf3JsonParser;
import dev.aistorctl.facts.parse.StreamSummaryParser;
import dev.aistorctl.facts.parse.TransferResult;
import dev.aistorctl.hwcheck.accept.NetworkThroughput;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.Output;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures the data network as hperf does: every host sends to and receives from every other over the
 * inventory's addresses with parallel TCP streams, first in a ring (each host to the next, one link at
 * a time per host) and then in a full mesh (every host to every other at once). Each round runs on all
 * hosts together; what a round started on a host is killed and removed afterwards, also when the
 * controller lost the connection.
 */
final class NetworkBench {
    private static final Duration PROBE_LIMIT = Duration.ofMinutes(1);
    private static final int PORTS_PER_PEER = 2;

    private final Function<String, Connector> connections;
    private final NetworkRequest request;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));

    NetworkBench(Function<String, Connector> connections, NetworkRequest request) {
        this.connections = connections;
        this.request = request;
    }

    NetworkResult run(List<InventoryHost> hosts, Output output) {
        // Two candidates per peer: a port the probe found free may be taken before the round binds it.
        int ports = PORTS_PER_PEER * Math.max(1, hosts.size() - 1);
        List<HostOutcome<Probe>> probed = Fanout.run(hosts, InventoryHost::name, h -> {
            try (Connector c = connections.apply(h.name())) {
                ExecResult r = c.run(NetworkScripts.probe(h.address(), ports), PROBE_LIMIT);
                if (!r.ok()) {
                    throw new RemoteException(h.name(), "probe the network", "exit " + r.exitCode() + ": " + r.stderrTail(3));
                }
                return Probe.parse(h, r.stdoutText());
            }
        });
        Map<String, String> unmeasured = new LinkedHashMap<>();
        List<Probe> ready = new ArrayList<>();
        Map<String, List<String>> tools = new LinkedHashMap<>();
        for (HostOutcome<Probe> o : probed) {
            if (!o.ok()) {
                unmeasured.put(o.host(), o.error());
            } else if (o.value().ports.size() < ports) {
                unmeasured.put(o.host(), "found " + o.value().ports.size() + " free TCP ports, needs " + ports);
            } else if (o.value().tools.isEmpty()) {
                unmeasured.put(o.host(), "has neither iperf3 nor python3 to send and receive with");
            } else {
                ready.add(o.value());
                tools.put(o.host(), o.value().tools);
            }
        }
        List<String> problems = new ArrayList<>();
        List<LinkPass> pairs = new ArrayList<>();
        if (ready.size() < 2) {
            problems.add("the network needs at least two hosts that can be measured, has " + ready.size());
            return new NetworkResult(request.seconds(), request.streams(), List.of(), pairs, tools, unmeasured, problems);
        }
        List<Probe[]> ring = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            ring.add(new Probe[] {ready.get(i), ready.get((i + 1) % ready.size())});
        }
        List<Probe[]> mesh = new ArrayList<>();
        for (Probe from : ready) {
            for (Probe to : ready) {
                if (from != to) {
                    mesh.add(new Probe[] {from, to});
                }
            }
        }
        try {
            output.progress("network: " + ready.size() + " hosts send to the next in a ring, " + request.streams()
                    + " TCP streams each, for " + request.seconds() + " s");
            pairs.addAll(round("ring", ring, ready));
            output.progress("network: every host sends to every other at once, for " + request.seconds() + " s");
            pairs.addAll(round("mesh", mesh, ready));
        } finally {
            Fanout.run(ready, Probe::name, p -> {
                try (Connector c = connections.apply(p.name())) {
                    return c.run(NetworkScripts.cleanup(List.of(dir("ring"), dir("mesh"))), PROBE_LIMIT);
                }
            });
        }
        pairs.stream().filter(p -> !p.measured())
                .forEach(p -> problems.add(p.round() + " " + p.from() + " -> " + p.to() + ": " + p.problem()));
        List<NetworkThroughput> figures = new ArrayList<>();
        for (Probe p : ready) {
            boolean whole = pairs.stream().filter(x -> x.round().equals("mesh") && (x.from().equals(p.name()) || x.to().equals(p.name())))
                    .allMatch(LinkPass::measured);
            if (whole) {
                figures.add(new NetworkThroughput(p.name(), p.address, p.iface, p.speed,
                        sum(pairs, "ring", p.name(), true), sum(pairs, "ring", p.name(), false),
                        sum(pairs, "mesh", p.name(), true), sum(pairs, "mesh", p.name(), false)));
            }
        }
        return new NetworkResult(request.seconds(), request.streams(), figures, pairs, tools, unmeasured, problems);
    }

    /** Runs one round on every host at once and reads each pair's figure from the end that counted it. */
    private List<LinkPass> round(String name, List<Probe[]> pairs, List<Probe> hosts) {
        Map<String, List<String>> receive = new LinkedHashMap<>();
        Map<String, List<String>> send = new LinkedHashMap<>();
        Map<String, Integer> nextPort = new LinkedHashMap<>();
        hosts.forEach(h -> {
            receive.put(h.name(), new ArrayList<>());
            send.put(h.name(), new ArrayList<>());
        });
        List<String> pairTools = new ArrayList<>();
        for (Probe[] pair : pairs) {
            Probe from = pair[0];
            Probe to = pair[1];
            String tool = from.tools.contains("iperf3") && to.tools.contains("iperf3") ? "iperf3" : "python3";
            pairTools.add(tool);
            int first = nextPort.merge(to.name(), PORTS_PER_PEER, Integer::sum) - PORTS_PER_PEER;
            String ports = to.ports.subList(first, first + PORTS_PER_PEER).stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            // The pair's own greeting: a sender counts only with its receiver, not with whatever took a port.
            String tag = token + "-" + name + "-" + pairTools.size();
            receive.get(to.name()).addAll(List.of("r", tool, ports, from.name(), tag));
            send.get(from.name()).addAll(List.of("s", tool, to.address, ports, to.name(), tag));
        }
        Duration limit = Duration.ofSeconds(request.seconds() + 90);
        List<HostOutcome<Map<String, String>>> outcomes = Fanout.run(hosts, Probe::name, h -> {
            List<String> roles = new ArrayList<>(receive.get(h.name()));
            roles.addAll(send.get(h.name()));
            try (Connector c = connections.apply(h.name())) {
                ExecResult r = c.run(NetworkScripts.round(request.seconds(), request.streams(), dir(name), roles), limit);
                if (!r.ok()) {
                    throw new RemoteException(h.name(), "run the " + name + " round", "exit " + r.exitCode() + ": " + r.stderrTail(3));
                }
                return DriveBench.sections(r.stdoutText());
            }
        });
        Map<String, HostOutcome<Map<String, String>>> byHost = new LinkedHashMap<>();
        outcomes.forEach(o -> byHost.put(o.host(), o));
        List<LinkPass> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String from = pairs.get(i)[0].name();
            String to = pairs.get(i)[1].name();
            String tool = pairTools.get(i);
            // iperf3's client reports what its server received; the python3 receiver reports itself.
            HostOutcome<Map<String, String>> counter = byHost.get(tool.equals("iperf3") ? from : to);
            TransferResult t;
            if (!counter.ok()) {
                t = TransferResult.failed(counter.error());
            } else {
                String section = counter.value().get(tool.equals("iperf3") ? "s " + to : "r " + from);
                t = section == null ? TransferResult.failed("no output (the round stopped early)")
                        : tool.equals("iperf3") ? Iperf3JsonParser.parse(section) : StreamSummaryParser.parse(section);
            }
            double mbits = t.measured() ? t.bytes() * 8 / t.seconds() / 1e6 : 0;
            out.add(new LinkPass(name, from, to, tool, mbits, t.bytes(), t.seconds(), t.measured() ? null : problem(t)));
        }
        return out;
    }

    private static String problem(TransferResult t) {
        return t.problem() != null ? t.problem() : "nothing measured";
    }

    private String dir(String round) {
        return NetworkScripts.DIR_PREFIX + token + "-" + round;
    }

    private static double sum(List<LinkPass> pairs, String round, String host, boolean sending) {
        return pairs.stream().filter(p -> p.round().equals(round) && (sending ? p.from() : p.to()).equals(host))
                .mapToDouble(LinkPass::mbits).sum();
    }

    /** What a host's probe found: its tools, the interface and speed of its data address, free ports. */
    record Probe(String name, String address, List<String> tools, String iface, Long speed, List<Integer> ports) {
        static Probe parse(InventoryHost h, String stdout) {
            List<String> tools = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            String iface = null;
            Long speed = null;
            for (String line : stdout.split("\n")) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "T" -> tools.add(f[1].strip());
                    case "P" -> ports.add(Integer.parseInt(f[1].strip()));
                    case "I" -> {
                        iface = f.length > 1 && !f[1].isBlank() ? f[1].strip() : null;
                        speed = f.length > 2 ? speed(f[2]) : null;
                    }
                    default -> {
                    }
                }
            }
            return new Probe(h.name(), h.address(), tools, iface, speed, ports);
        }

        /** sysfs gives -1 (or fails to read) where the link has no speed: unknown, not zero. */
        private static Long speed(String s) {
            try {
                long v = Long.parseLong(s.strip());
                return v > 0 ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
