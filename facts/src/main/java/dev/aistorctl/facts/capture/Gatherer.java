package dev.aistorctl.facts.capture;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Gathers a host's capture bundle in one round trip: one {@code run} of the gather script as root,
 * whose framed stdout becomes the bundle. The script never fails because a tool is missing; a
 * non-zero exit or a broken stream means the gathering itself failed on that host.
 */
public final class Gatherer {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    private static final String SCRIPT = loadScript();

    private Gatherer() {
    }

    /** The exact shell script run on the host (POSIX sh). */
    public static String script() {
        return SCRIPT;
    }

    /**
     * The gather script cut down to the sources named (each a one-line {@code run NAME ...} of the full
     * script; sources gathered in loops are not available), followed by {@code more}: shell text of the
     * caller's own that may call the script's functions, {@code run} among them, to add sources of its
     * own to the same framed stream. One round trip for a step that needs only a few sources.
     */
    public static String script(java.util.Set<String> sources, String more) {
        String header = "printf 'AISTORCTL-CAPTURE 1\\n'\n";
        int start = SCRIPT.indexOf(header);
        int end = SCRIPT.indexOf("printf '@@END\\n'");
        if (start < 0 || end < start) {
            throw new IllegalStateException("gather.sh lost its stream header or end");
        }
        StringBuilder out = new StringBuilder(SCRIPT.substring(0, start + header.length()));
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String line : SCRIPT.substring(start + header.length(), end).split("\n")) {
            String[] words = line.split(" ", 3);
            if (words.length == 3 && words[0].equals("run") && sources.contains(words[1])) {
                out.append(line).append('\n');
                found.add(words[1]);
            }
        }
        if (!found.equals(new java.util.TreeSet<>(sources))) {
            throw new IllegalArgumentException("not one-line sources of gather.sh: " + new java.util.TreeSet<>(sources).stream()
                    .filter(n -> !found.contains(n)).toList());
        }
        return out.append(more).append(more.endsWith("\n") || more.isEmpty() ? "" : "\n").append("printf '@@END\\n'\n").toString();
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

    private static String loadScript() {
        try (InputStream in = Gatherer.class.getResourceAsStream("gather.sh")) {
            if (in == null) {
                throw new IllegalStateException("gather.sh is missing from the hwcheck jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
