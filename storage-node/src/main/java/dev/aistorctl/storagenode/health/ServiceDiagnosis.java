package dev.aistorctl.storagenode.health;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.time.Duration;

/**
 * What a field engineer looks at first when a node does not answer: whether systemd runs the
 * service, and the last lines it logged.
 *
 * @param active      {@code systemctl is-active minio} (active, activating, failed, inactive, ...)
 * @param journalTail the last lines of {@code journalctl -u minio}
 */
public record ServiceDiagnosis(String host, String active, String journalTail) {
    public static final int LINES = 15;

    public static Command isActive() {
        return Command.of("systemctl", "is-active", MinioPaths.SERVICE);
    }

    public static Command journal(int lines) {
        return Command.of("journalctl", "-u", MinioPaths.SERVICE, "-n", Integer.toString(lines), "--no-pager", "-o", "short-iso")
                .asRoot();
    }

    public static ServiceDiagnosis read(Connector c) {
        ExecResult active = c.run(isActive(), Duration.ofSeconds(30));
        ExecResult journal = c.run(journal(LINES), Duration.ofSeconds(30));
        String state = active.stdoutText().strip();
        return new ServiceDiagnosis(c.host(), state.isEmpty() ? "unknown" : state,
                journal.ok() ? journal.stdoutText().stripTrailing() : "journalctl: " + journal.stderrTail(2));
    }
}
