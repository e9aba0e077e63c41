package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;

/** os.release and cpufreq.governor. */
final class OsRules {
    private OsRules() {
    }

    static List<Finding> release(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> ids = s.strings("id");
        List<String> versions = s.strings("version_id");
        String expected = String.join("/", ids) + (versions.isEmpty() ? "" : " " + String.join("/", versions));
        OsFacts os = facts.os();
        if (os == null || os.id() == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.OS, "operating system", "/etc/os-release must be readable"), null));
        }
        String actual = os.id() + (os.versionId() == null ? "" : " " + os.versionId());
        String pretty = os.prettyName() == null ? actual : os.prettyName();
        boolean idOk = ids.stream().anyMatch(i -> i.equalsIgnoreCase(os.id()));
        boolean versionOk = versions.isEmpty() || (os.versionId() != null && versions.contains(os.versionId()));
        return List.of(idOk && versionOk ? o.pass(expected, actual, pretty, null)
                : o.deviation(expected, actual, "the host runs " + pretty + ", the profile needs " + expected,
                "reinstall with the operating system the design names", null));
    }

    static List<Finding> governor(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> allowed = s.strings("one_of");
        String expected = String.join(" or ", allowed);
        if (facts.cpufreq() == null || facts.cpufreq().governors() == null || facts.cpufreq().governors().isEmpty()) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), Unknown.CPUFREQ, "cpufreq governor",
                    "the kernel shows no cpufreq policy: a VM, or no cpufreq driver (enable CPPC in the BIOS)"), null));
        }
        List<String> governors = facts.cpufreq().governors();
        String actual = String.join(", ", governors);
        List<String> wrong = governors.stream().filter(g -> !allowed.contains(g)).toList();
        return List.of(wrong.isEmpty() ? o.pass(expected, actual, "governor " + actual, null)
                : o.deviation(expected, actual, "cpufreq governor is " + actual + ", the profile needs " + expected,
                "the tuning step sets it; by hand: echo " + allowed.get(0) + " | tee /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor", null));
    }
}
