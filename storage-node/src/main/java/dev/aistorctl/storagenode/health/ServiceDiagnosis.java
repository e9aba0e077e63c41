package dev.aistorctl.storagenode.health;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a field engineer looks at first when a node does not answer: whether systemd runs the
 * service, what its start waits for when it does not, and the last lines it logged.
 *
 * @param active      {@code systemctl is-active minio} (active, activating, failed, inactive, ...)
 * @param mountWaits  the data mounts systemd has the service's start wait for; empty when it waits for none
 * @param journalTail the last lines of {@code journalctl -u minio}
 */
public record ServiceDiagnosis(String host, String active, List<MountWait> mountWaits, String journalTail) {
    public static final int LINES = 15;

    private static final String SCRIPT = String.join("\n",
            "active=$(systemctl is-active " + MinioPaths.SERVICE + " 2>/dev/null); echo \"== active\"; echo \"$active\"",
            MountWait.ASK_IF_WAITING,
            "for m in \"$@\"; do",
            MountWait.ASK_ABOUT_MOUNT,
            "done",
            "true");

    /** The service's state and, when it is queued behind them, what systemd says about the host's data mounts. */
    public static Command state(List<String> mounts) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "diagnosis"));
        argv.addAll(mounts);
        return Command.of(argv).asRoot();
    }

    public static Command journal(int lines) {
        return Command.of("journalctl", "-u", MinioPaths.SERVICE, "-n", Integer.toString(lines), "--no-pager", "-o", "short-iso")
                .asRoot();
    }

    /** @param mounts the host's data mount points, in inventory order */
    public static ServiceDiagnosis read(Connector c, List<String> mounts) {
        ExecResult state = c.run(state(mounts), Duration.ofSeconds(30));
        ExecResult journal = c.run(journal(LINES), Duration.ofSeconds(30));
        return parse(c.host(), state.stdoutText(),
                journal.ok() ? journal.stdoutText().stripTrailing() : "journalctl: " + journal.stderrTail(2));
    }

    /** @param stateOutput what {@link #state} printed */
    public static ServiceDiagnosis parse(String host, String stateOutput, String journalTail) {
        Map<String, List<String>> sections = SectionedOutput.split(stateOutput);
        List<String> active = sections.getOrDefault("active", List.of());
        String state = active.isEmpty() ? "" : active.get(0).strip();
        return new ServiceDiagnosis(host, state.isEmpty() ? "unknown" : state, MountWait.fromSections(sections), journalTail);
    }

    /** A host that could not be asked: why, in place of the journal. */
    public static ServiceDiagnosis unreachable(String host, String why) {
        return new ServiceDiagnosis(host, "unreachable", List.of(), why);
    }

    /** {@code inactive}, or {@code inactive, waiting for /mnt/drive3 (its device has not appeared; ...)}. */
    public String explained() {
        return MountWait.explain(active, mountWaits);
    }
}
