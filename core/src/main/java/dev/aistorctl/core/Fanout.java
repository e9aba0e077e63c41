package dev.aistorctl.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per host with bounded parallelism. Hosts are isolated: a task that throws becomes that
 * host's failed {@link HostOutcome} and the other hosts go on. Outcomes come back in input order,
 * whatever order the hosts finish in.
 */
public final class Fanout {
    /** Upper bound of the default parallelism: beyond it, threads and SSH handshakes only add contention. */
    public static final int MAX_DEFAULT_PARALLEL = 256;

    /** One host's work; may throw anything. */
    @FunctionalInterface
    public interface HostTask<H, T> {
        T run(H host) throws Exception;
    }

    private Fanout() {
    }

    /** min(hosts, 256) at once, no progress reports. */
    public static <H, T> List<HostOutcome<T>> run(List<H> hosts, Function<H, String> nameOf, HostTask<H, T> task) {
        return run(hosts, nameOf, defaultParallel(hosts.size()), task, FanoutListener.NONE);
    }

    /**
     * @param hosts    what to work on, e.g. inventory hosts or connectors
     * @param nameOf   the host's name, used in outcomes and progress
     * @param parallel at most this many tasks at once (at least 1)
     * @param task     the work for one host
     * @param listener told when each host starts and finishes
     */
    public static <H, T> List<HostOutcome<T>> run(List<H> hosts, Function<H, String> nameOf, int parallel,
                                                  HostTask<H, T> task, FanoutListener listener) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        if (hosts.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(parallel, hosts.size());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fanout-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<HostOutcome<T>>> futures = new ArrayList<>(hosts.size());
            for (H host : hosts) {
                futures.add(pool.submit(() -> runOne(host, nameOf, task, listener)));
            }
            List<HostOutcome<T>> outcomes = new ArrayList<>(hosts.size());
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), nameOf.apply(hosts.get(i))));
            }
            return outcomes;
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                // The caller was interrupted and every task cancelled (interrupted once): let them clean up after
                // themselves, an SSH command by killing its processes on the host, before the caller goes on.
                pool.shutdown();
                awaitCleanUp(pool);
            } else {
                pool.shutdownNow();
            }
        }
    }

    /** How long an interrupted fan-out waits for its cancelled tasks to end. */
    static final Duration CLEAN_UP = Duration.ofSeconds(20);

    private static void awaitCleanUp(ExecutorService pool) {
        Thread.interrupted();
        try {
            pool.awaitTermination(CLEAN_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Interrupted again: stop waiting.
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    public static int defaultParallel(int hosts) {
        return Math.max(1, Math.min(hosts, MAX_DEFAULT_PARALLEL));
    }

    private static <H, T> HostOutcome<T> runOne(H host, Function<H, String> nameOf, HostTask<H, T> task,
                                                FanoutListener listener) {
        String name = nameOf.apply(host);
        long started = System.nanoTime();
        notify(() -> listener.started(name));
        HostOutcome<T> outcome;
        try {
            outcome = HostOutcome.succeeded(name, task.run(host), Duration.ofNanos(System.nanoTime() - started));
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Isolation is the point: even an Error in one host's task (a bug, a stack overflow on odd
            // input) must not take the other hosts down with it.
            outcome = HostOutcome.failed(name, message(name, e), e, Duration.ofNanos(System.nanoTime() - started));
        }
        HostOutcome<T> done = outcome;
        notify(() -> listener.finished(done));
        return outcome;
    }

    private static <T> HostOutcome<T> await(Future<HostOutcome<T>> future, String name) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return HostOutcome.failed(name, name + ": interrupted", e, Duration.ZERO);
        } catch (ExecutionException e) {
            return HostOutcome.failed(name, message(name, e.getCause()), e.getCause(), Duration.ZERO);
        }
    }

    /** Our exceptions already say host, action and cause; anything else gets the host and its type named. */
    static String message(String host, Throwable e) {
        if (e instanceof AistorException) {
            String m = e.getMessage();
            return m.startsWith(host + ":") ? m : host + ": " + m;
        }
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return host + ": " + e.getClass().getSimpleName() + detail;
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // A broken progress display must not change any host's outcome.
        }
    }
}
