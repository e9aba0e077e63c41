package dev.aistorctl.workflows.hardware;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.PathMtu;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.remote.Connections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the path-MTU probe of {@link PathMtu} from every node to every other, the nodes in parallel,
 * each node's probes one after the other (about a second each). Returns each sending node's findings.
 */
public final class PathMtuProbe {
    private PathMtuProbe() {
    }

    /** Nothing when the profile does not set network.mtu_consistent. */
    public static Map<String, List<Finding>> run(HardwareProfile profile, List<InventoryHost> hosts, Connections connections) {
        return run(profile, hosts, connections::open);
    }

    public static Map<String, List<Finding>> run(HardwareProfile profile, List<InventoryHost> hosts, Function<String, Connector> open) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        RuleSettings settings = profile.rule(PathMtu.RULE).orElse(null);
        if (settings == null || hosts.size() < 2) {
            return out;
        }
        long mtu = PathMtu.mtuOf(profile).orElseThrow();
        Map<String, String> addresses = new LinkedHashMap<>();
        hosts.forEach(h -> addresses.put(h.name(), h.address()));
        List<PathMtu.Pair> pairs = PathMtu.pairs(addresses);
        List<HostOutcome<List<Finding>>> outcomes = Fanout.run(hosts, InventoryHost::name, h -> {
            List<Finding> findings = new ArrayList<>();
            try (Connector c = open.apply(h.name())) {
                for (PathMtu.Pair p : pairs) {
                    if (p.from().equals(h.name())) {
                        ExecResult r = c.run(PathMtu.probe(p.address(), mtu), Duration.ofSeconds(30));
                        findings.add(PathMtu.judge(p, mtu, settings, r.stdoutText(), r.stderrText(), r.exitCode()));
                    }
                }
            }
            return findings;
        });
        for (HostOutcome<List<Finding>> o : outcomes) {
            if (o.ok()) {
                out.put(o.host(), o.value());
            } else {
                out.put(o.host(), pairs.stream().filter(p -> p.from().equals(o.host()))
                        .map(p -> PathMtu.unreachable(p, mtu, settings, o.error())).toList());
            }
        }
        return out;
    }
}
