package dev.aistorctl.hwcheck.rules;

/** A host's overall result: the worst of its findings, or that it could not be checked at all. */
public enum HostStatus {
    PASS, WARN, FAIL, UNREACHABLE
}
