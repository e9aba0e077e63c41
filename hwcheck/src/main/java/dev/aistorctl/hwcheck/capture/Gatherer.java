package dev.aistorctl.hwcheck.capture;

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
