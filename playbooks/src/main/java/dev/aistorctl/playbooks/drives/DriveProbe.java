package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureStream;
import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.capture.Source;
import dev.aistorctl.facts.capture.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the drive steps read from a host, in one round trip: the gather script's block sources
 * (lsblk, sysfs, mounts, fstab, swaps, the on-disk signature probes of the whole device and of where partitions
 * usually start) and the drive sources of
 * {@code drive-probe.sh} (mount points, markers, the service user, XFS error settings). The pool's
 * mount points travel as arguments of the script, so no inventory value is ever shell text.
 */
public final class DriveProbe {
    static final Set<String> BLOCK_SOURCES = Stream.of(Sources.LSBLK, Sources.MOUNTS, Sources.FSTAB, Sources.SWAPS,
            Sources.BLOCK_SYSFS, Sources.SIGNATURES, Sources.PARTITION_SIGNATURES).map(Source::file).collect(Collectors.toSet());
    private static final String SCRIPT = Gatherer.script(BLOCK_SOURCES, resource("drive-probe.sh"));
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private DriveProbe() {
    }

    public static String script() {
        return SCRIPT;
    }

    public static Command command(List<String> mountPoints) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "aistorctl-drive-probe"));
        argv.addAll(mountPoints);
        return Command.of(argv).withEnv("LC_ALL", "C").asRoot();
    }

    /** Runs the probe on the host behind {@code connector}. */
    public static CaptureBundle run(Connector connector, List<String> mountPoints) {
        ExecResult r = connector.run(command(mountPoints), TIMEOUT);
        if (!r.ok()) {
            throw new RemoteException(connector.host(), "probe drives", "probe script exited " + r.exitCode()
                    + (r.stderrTail(3).isBlank() ? "" : ": " + r.stderrTail(3).strip()));
        }
        try {
            return CaptureStream.parse(connector.host(), r.stdout());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RemoteException(connector.host(), "probe drives", e.getMessage(), e);
        }
    }

    static String resource(String name) {
        try (InputStream in = DriveProbe.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the playbooks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
