package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks gathered hosts against a hardware profile: each host alone, then the hosts against each other. */
public final class HardwareCheck {
    private HardwareCheck() {
    }

    /** Hosts in the map's order; a {@code null} value is a host whose facts could not be gathered. */
    public static VerifyReport verify(HardwareProfile profile, Map<String, HostFacts> hosts) {
        List<GatheredHost> gathered = new ArrayList<>();
        hosts.forEach((host, facts) -> gathered.add(facts == null ? GatheredHost.unreachable(host, "no facts were gathered") : GatheredHost.of(host, facts)));
        return verify(profile, gathered);
    }

    /** As the gatherer hands hosts over: unreachable ones carry the error that stopped them. */
    public static VerifyReport verify(HardwareProfile profile, List<GatheredHost> hosts) {
        Map<String, HostFacts> reachable = new LinkedHashMap<>();
        for (GatheredHost h : hosts) {
            if (h.reachable() && h.facts() != null) {
                reachable.put(h.host(), h.facts());
            }
        }
        Map<String, List<Finding>> consistency = ConsistencyRules.check(reachable, profile);
        List<HostReport> reports = new ArrayList<>();
        for (GatheredHost h : hosts) {
            HostFacts facts = reachable.get(h.host());
            if (facts == null) {
                String error = h.error() != null ? h.error() : "no facts were gathered";
                reports.add(new HostReport(h.host(), HostStatus.UNREACHABLE, false, error, List.of()));
                continue;
            }
            List<Finding> findings = new ArrayList<>(HostRules.check(profile, facts));
            findings.addAll(consistency.getOrDefault(h.host(), List.of()));
            reports.add(new HostReport(h.host(), status(findings), true, null, findings));
        }
        return new VerifyReport(profile.name(), reports, VerifySummary.of(reports));
    }

    private static HostStatus status(List<Finding> findings) {
        Severity worst = Severity.PASS;
        for (Finding f : findings) {
            worst = worst.worst(f.severity());
        }
        return switch (worst) {
            case FAIL -> HostStatus.FAIL;
            case WARN -> HostStatus.WARN;
            default -> HostStatus.PASS;
        };
    }
}
