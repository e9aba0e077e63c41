package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/** Runs the per-host rules of the {@link RuleCatalog} that a profile switches on. */
public final class HostRules {
    private HostRules() {
    }

    /** Runs every per-host rule the profile switches on, in the profile's order. */
    public static List<Finding> check(HardwareProfile profile, HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (RuleSettings settings : profile.rules()) {
            RuleCatalog.rule(settings.id()).map(Rule::perHost).ifPresent(rule -> findings.addAll(rule.check(facts, settings)));
        }
        return findings;
    }
}
