package dev.aistorctl.workflows.provision;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.VerifyReport;

/**
 * Which failing hardware rules the engineer accepted with --accept-finding. Provisioning goes on only
 * when every failing rule is accepted: accepting one rule never lets another failure through.
 */
public record AcceptedFindings(Set<String> failing, Set<String> accepted, Set<String> unaccepted, Set<String> notFailing) {

    public static AcceptedFindings of(VerifyReport report, List<String> accept) {
        Set<String> failing = new TreeSet<>();
        report.hosts().forEach(h -> h.findings().stream().filter(f -> f.severity() == Severity.FAIL)
                .forEach(f -> failing.add(f.rule())));
        return of(failing, accept);
    }

    static AcceptedFindings of(Set<String> failingRules, List<String> accept) {
        Set<String> asked = new TreeSet<>();
        accept.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(asked::add);
        Set<String> failing = new TreeSet<>(failingRules);
        Set<String> accepted = new TreeSet<>(failing);
        accepted.retainAll(asked);
        Set<String> unaccepted = new TreeSet<>(failing);
        unaccepted.removeAll(asked);
        // An accepted rule that did not fail is named back: a typo must not look like an accepted finding.
        Set<String> notFailing = new TreeSet<>(asked);
        notFailing.removeAll(failing);
        return new AcceptedFindings(Set.copyOf(failing), accepted, unaccepted, notFailing);
    }

    /** Whether provisioning may go on: nothing failed, or every failing rule was accepted. */
    public boolean passes() {
        return unaccepted.isEmpty();
    }
}
