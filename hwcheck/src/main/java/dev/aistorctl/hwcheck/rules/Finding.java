package dev.aistorctl.hwcheck.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.hwcheck.profile.Severity;

/**
 * One result of one rule: what the profile expected, what the host has, and what to do about
 * it. {@code device} names what the finding is about: an NVMe serial, a PCI address (BDF), an
 * interface name, or {@code null} for the host as a whole. A finding that judged a measured figure also carries
 * {@code measurement}, the figures as numbers (absent from the JSON of every other finding).
 */
public record Finding(
        @JsonProperty("rule") String rule,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("expected") String expected,
        @JsonProperty("actual") String actual,
        @JsonProperty("message") String message,
        @JsonProperty("hint") String hint,
        @JsonProperty("device") String device,
        @JsonProperty("measurement") @JsonInclude(JsonInclude.Include.NON_NULL) Measurement measurement) {

    /** A finding that judged no measured figure. */
    public Finding(String rule, Severity severity, String expected, String actual, String message, String hint, String device) {
        this(rule, severity, expected, actual, message, hint, device, null);
    }

    public static Finding pass(String rule, String expected, String actual, String message, String device) {
        return new Finding(rule, Severity.PASS, expected, actual, message, null, device);
    }

    public boolean failed() {
        return severity == Severity.FAIL;
    }
}
