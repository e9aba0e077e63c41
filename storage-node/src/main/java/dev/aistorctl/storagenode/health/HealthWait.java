package dev.aistorctl.storagenode.health;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Probes until the cluster is healthy or the time is up. A freshly started cluster is expected to
 * fail its first probes (MinIO waits for its peers, a JVM takes seconds to listen), so failures before
 * the deadline are progress, not errors; only the last answer counts.
 */
public final class HealthWait {
    /** Sleeps between probes; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Supplier<ClusterHealth> probe;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public HealthWait(Supplier<ClusterHealth> probe, Duration interval) {
        this(probe, interval, System::nanoTime, d -> Thread.sleep(d.toMillis()));
    }

    HealthWait(Supplier<ClusterHealth> probe, Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        this.probe = probe;
        this.interval = interval;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits for the first healthy answer; see {@link #await(Duration, Predicate, Consumer)}. */
    public ClusterHealth await(Duration timeout, Consumer<ClusterHealth> progress) {
        return await(timeout, ClusterHealth::healthy, progress);
    }

    /**
     * @param enough when an answer ends the wait (healthy, or as good as it can get)
     * @param progress told of every answer that changed since the last one (and so of the first)
     * @return the first answer that is {@code enough}, or the last answer when {@code timeout} passed first
     */
    public ClusterHealth await(Duration timeout, Predicate<ClusterHealth> enough, Consumer<ClusterHealth> progress) {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        String last = null;
        while (true) {
            ClusterHealth now = probe.get();
            if (!now.summary().equals(last)) {
                progress.accept(now);
                last = now.summary();
            }
            if (enough.test(now) || nanoTime.getAsLong() >= deadline) {
                return now;
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }
}
