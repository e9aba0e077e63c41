package dev.aistorctl.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What one remote or local command did: exit code, the exact bytes it printed, and how long it took. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr, Duration duration) {

    public boolean ok() {
        return exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The last lines of stderr, for error messages that must stay short. */
    public String stderrTail(int lines) {
        String[] all = stderrText().strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
