package dev.aistorctl.facts.capture;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gathers a host's capture bundle in one round trip: one {@code run} of the gather script as root,
 * whose framed stdout becomes the bundle. The script never fails because a tool is missing; a
 * non-zero exit or a broken stream means the gathering itself failed on that host.
 */
public final class Gatherer {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    private static final String SCRIPT = GatherScript.of(Sources.ALL, "");

    private Gatherer() {
    }

    /** The exact shell script run on the host (POSIX sh), made from every declared source. */
    public static String script() {
        return SCRIPT;
    }

    /**
     * The gather script cut down to the sources whose files are named (each a one-file source of
     * {@link Sources}), followed by {@code more}: shell text of the caller's own that may call the
     * script's functions, {@code run} among them, to add sources of its own to the same framed stream.
     * One round trip for a step that needs only a few sources.
     */
    public static String script(Set<String> files, String more) {
        List<Source<?>> chosen = new ArrayList<>();
        for (CaptureSource s : Sources.ALL) {
            if (s instanceof Source<?> one && files.contains(one.file())) {
                chosen.add(one);
            }
        }
        if (chosen.size() != files.size()) {
            Set<String> unknown = new TreeSet<>(files);
            chosen.forEach(s -> unknown.remove(s.file()));
            throw new IllegalArgumentException("not one-file sources of the gather script: " + unknown);
        }
        return GatherScript.of(chosen, more);
    }

    /** The command that runs it: {@code sh -c SCRIPT} as root with {@code LC_ALL=C}. */
    public static Command command() {
        return Command.script(SCRIPT).withEnv("LC_ALL", "C").asRoot();
    }

    public static CaptureBundle gather(Connector connector) {
        return gather(connector, DEFAULT_TIMEOUT);
    }

    public static CaptureBundle gather(Connector connector, Duration timeout) {
        ExecResult r = connector.run(command(), timeout);
        if (!r.ok()) {
            throw new RemoteException(connector.host(), "gather facts",
                    "gather script exited " + r.exitCode() + tail(r));
        }
        try {
            return CaptureStream.parse(connector.host(), r.stdout());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RemoteException(connector.host(), "gather facts", e.getMessage() + tail(r), e);
        }
    }

    private static String tail(ExecResult r) {
        String t = r.stderrTail(3);
        return t.isBlank() ? "" : ": " + t;
    }
}
