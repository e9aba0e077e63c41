package dev.aistorctl.facts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.local.LocalCollector;

/**
 * The three ways facts reach a command: gathered from hosts (one connection and one round trip per
 * host, hosts in parallel and isolated from each other), replayed from saved capture bundles, or read
 * from the machine the CLI runs on.
 */
public final class FactsCollection {

    /** Opens the connection to one host; the collection closes it. */
    @FunctionalInterface
    public interface Connect {
        Connector open(String host);
    }

    private FactsCollection() {
    }

    /**
     * Gathers every host in parallel. A host that cannot be reached or whose gathering fails becomes an
     * unreachable entry carrying the reason; the others are unaffected. With {@code saveTo}, each host's
     * bundle is written to {@code saveTo/<host>/} exactly as gathered.
     */
    public static List<GatheredHost> gather(List<String> hosts, Connect connect, int parallel,
                                            Optional<Path> saveTo, FanoutListener listener) {
        List<GatheredHost> gathered = new ArrayList<>();
        for (HostOutcome<HostFacts> outcome : gatherAndRead(hosts, connect, parallel, saveTo, listener,
                (host, bundle) -> FactsAssembler.from(bundle))) {
            gathered.add(outcome.ok() ? GatheredHost.of(outcome.host(), outcome.value())
                    : GatheredHost.unreachable(outcome.host(), outcome.error()));
        }
        return gathered;
    }

    /**
     * The raw bundles of {@link #gather}, for commands that read sources beyond {@code HostFacts}
     * (drive eligibility reads mounts, swaps and on-disk signatures). A failed host carries its reason.
     */
    public static List<HostOutcome<CaptureBundle>> gatherBundles(List<String> hosts, Connect connect, int parallel,
                                                                 Optional<Path> saveTo, FanoutListener listener) {
        return gatherAndRead(hosts, connect, parallel, saveTo, listener, (host, bundle) -> bundle);
    }

    /**
     * Gathers every host as {@link #gatherBundles} does, and turns each host's bundle into what the command keeps with
     * {@code read}, as soon as that host is gathered: the raw bundle (a few hundred KB a host) is then let go, instead of
     * every host's bundle being held until the last host answers. A {@code read} that throws fails the whole call on the
     * caller's thread, after the fan-out, as reading the bundles afterwards would; it does not make its host unreachable.
     */
    public static <T> List<HostOutcome<T>> gatherAndRead(List<String> hosts, Connect connect, int parallel,
                                                         Optional<Path> saveTo, FanoutListener listener,
                                                         BiFunction<String, CaptureBundle, T> read) {
        List<HostOutcome<Read<T>>> outcomes = Fanout.run(hosts, host -> host, parallel, host -> {
            CaptureBundle bundle;
            try (Connector connector = connect.open(host)) {
                bundle = Gatherer.gather(connector).withHost(host);
            }
            saveTo.ifPresent(dir -> bundle.write(dir.resolve(host)));
            try {
                return new Read<>(read.apply(host, bundle), null);
            } catch (RuntimeException e) {
                return new Read<>(null, e);
            }
        }, listener);
        List<HostOutcome<T>> kept = new ArrayList<>();
        for (HostOutcome<Read<T>> o : outcomes) {
            if (!o.ok()) {
                kept.add(HostOutcome.failed(o.host(), o.error(), o.cause(), o.duration()));
                continue;
            }
            if (o.value().failed() != null) {
                throw o.value().failed();
            }
            kept.add(HostOutcome.succeeded(o.host(), o.value().value(), o.duration()));
        }
        return kept;
    }

    /** What {@code read} made of one host's bundle, or what it threw. */
    private record Read<T>(T value, RuntimeException failed) {
    }

    /** Replays saved bundles: DIR is one bundle, or one bundle per host in subdirectories named after the hosts. */
    public static List<GatheredHost> fromCapture(Path dir) {
        List<GatheredHost> gathered = new ArrayList<>();
        for (Map.Entry<String, CaptureBundle> host : CaptureBundle.hostsIn(dir).entrySet()) {
            gathered.add(GatheredHost.of(host.getKey(), FactsAssembler.from(host.getValue())));
        }
        return gathered;
    }

    /**
     * Facts of this machine through OSHI and sysfs. With {@code saveTo}, the gather script also runs
     * locally so that the bundle a support engineer receives is the same kind as from a remote host.
     */
    public static GatheredHost local(Optional<Path> saveTo) {
        String host = localHostName();
        saveTo.ifPresent(dir -> {
            try (Connector connector = new LocalConnector(host)) {
                Gatherer.gather(connector).withHost(host).write(dir.resolve(host));
            }
        });
        return GatheredHost.of(host, new LocalCollector().collect());
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
