package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;

/** Builds the findings of one rule with the severities its profile settings give. */
final class Outcome {
    private final RuleSettings settings;

    Outcome(RuleSettings settings) {
        this.settings = settings;
    }

    Finding pass(String expected, String actual, String message, String device) {
        return Finding.pass(settings.id(), expected, actual, message, device);
    }

    /** A deviation, as bad as the profile says. */
    Finding deviation(String expected, String actual, String message, String hint, String device) {
        return new Finding(settings.id(), settings.severity(), expected, actual, message, hint, device);
    }

    /** The fact is unknown; {@code why} says which source was missing or failed. */
    Finding unknown(String expected, Unknown why, String device) {
        Severity s = settings.ifUnknown();
        String message = (s == Severity.SKIP ? "skipped (allowed by the profile): unknown: " : "unknown: ") + why.reason();
        return new Finding(settings.id(), s, expected, "unknown", message, why.hint(), device);
    }
}
