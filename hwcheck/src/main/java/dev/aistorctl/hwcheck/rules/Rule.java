package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.hwcheck.profile.RuleSpec;

/**
 * One hardware rule as the catalog registers it: what a profile may set ({@link RuleSpec}) and how
 * the rule is evaluated, either on each host's facts alone or by comparing the hosts.
 *
 * @param spec       id, parameters, defaults and default severity
 * @param perHost    the check of one host; null for a rule that compares hosts or judges measurements
 * @param acrossHosts the comparison of hosts; null for a per-host rule or one that judges measurements
 */
record Rule(RuleSpec spec, HostRule perHost, Comparison acrossHosts) {
    public Rule {
        if (perHost != null && acrossHosts != null) {
            throw new IllegalArgumentException(spec.id() + ": a rule is evaluated either per host or across hosts");
        }
    }

    /** Judged on what accept measured, by {@link dev.aistorctl.hwcheck.accept.DriveGates}, not on facts. */
    boolean measured() {
        return perHost == null && acrossHosts == null;
    }

    String id() {
        return spec.id();
    }
}
