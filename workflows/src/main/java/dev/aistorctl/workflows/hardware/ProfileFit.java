package dev.aistorctl.workflows.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.HardwareCheck;
import dev.aistorctl.hwcheck.rules.HostReport;
import dev.aistorctl.hwcheck.rules.VerifyReport;

/**
 * Which built-in hardware profile a set of hosts passes. A profile fits when {@code verify-hardware}
 * against it fails no host; of those that fit, the one whose checks the hosts pass most of is the
 * most specific (the reference server's profile checks far more than the lab's) and is chosen.
 *
 * @param chosen  the profile that fits best, if any fits
 * @param fitting every profile that fits, best first
 * @param misfits for each profile that does not fit, its first failure ("node01: cpu.model: ...")
 */
public record ProfileFit(Optional<String> chosen, List<String> fitting, Map<String, String> misfits) {

    public static ProfileFit of(List<GatheredHost> hosts) {
        Map<String, Long> passes = new LinkedHashMap<>();
        Map<String, String> misfits = new LinkedHashMap<>();
        for (String name : HardwareProfiles.BUILT_IN) {
            HardwareProfile profile = HardwareProfiles.builtIn(name);
            VerifyReport report = HardwareCheck.verify(profile, hosts);
            Optional<String> failure = firstFailure(report);
            if (failure.isPresent()) {
                misfits.put(name, failure.get());
            } else {
                passes.put(name, report.hosts().stream().flatMap(h -> h.findings().stream())
                        .filter(f -> f.severity() == Severity.PASS).count());
            }
        }
        List<String> fitting = new ArrayList<>(passes.keySet());
        fitting.sort((a, b) -> Long.compare(passes.get(b), passes.get(a)));
        return new ProfileFit(fitting.stream().findFirst(), fitting, misfits);
    }

    private static Optional<String> firstFailure(VerifyReport report) {
        for (HostReport h : report.hosts()) {
            for (Finding f : h.findings()) {
                if (f.failed()) {
                    return Optional.of(h.host() + ": " + f.rule() + ": " + f.message());
                }
            }
        }
        return Optional.empty();
    }
}
