package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.List;

/** A check of one host's facts against one profile rule; never empty, so every rule leaves proof. */
@FunctionalInterface
public interface HostRule {
    List<Finding> check(HostFacts facts, RuleSettings settings);
}
