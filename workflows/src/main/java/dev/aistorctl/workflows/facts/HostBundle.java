package dev.aistorctl.workflows.facts;

import dev.aistorctl.facts.capture.CaptureBundle;

/** One host's raw capture bundle, or why there is none. */
public record HostBundle(String host, CaptureBundle bundle, String error) {
    public boolean reachable() {
        return error == null;
    }
}
