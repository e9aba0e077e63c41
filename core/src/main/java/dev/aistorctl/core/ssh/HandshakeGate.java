package dev.aistorctl.core.ssh;

import dev.aistorctl.core.UsageException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the SSH handshakes and logins in flight in this process. Key exchange and public key login cost
 * CPU on the controller and on the host; started all at once for hundreds of hosts on a few cores, every
 * one of them runs slowly and many miss the connect timeout, so that the controller's own load would be
 * reported as dead hosts. Hosts take their turn first come, first served (a fair semaphore), and the
 * connect timeout counts from the turn, not from the host's start.
 *
 * <p>The bound is {@value #PER_CORE} per core of the controller, at least {@value #MIN_SIZE}; the
 * environment variable {@value #ENV} or the system property {@value #PROPERTY} sets it (benchmarks,
 * controllers with very slow or very many hosts).
 */
public final class HandshakeGate {
    static final String ENV = "AISTORCTL_SSH_HANDSHAKES";
    static final String PROPERTY = "aistorctl.ssh.handshakes";
    static final int PER_CORE = 4;
    static final int MIN_SIZE = 8;

    private static HandshakeGate process;

    private final int size;
    private final Semaphore permits;
    /** Hosts that found no place free and waited for their turn, since the gate was made. */
    private final AtomicLong queued = new AtomicLong();

    HandshakeGate(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a handshake gate needs at least one place, was " + size);
        }
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** The gate every connection of this process goes through, sized on first use. */
    static synchronized HandshakeGate process() {
        if (process == null) {
            process = new HandshakeGate(configuredSize(System.getProperty(PROPERTY), System.getenv(),
                    Runtime.getRuntime().availableProcessors()));
        }
        return process;
    }

    /** The property wins over the environment, the environment over the default from the core count. */
    static int configuredSize(String property, Map<String, String> env, int cores) {
        String value = property != null ? property : env.get(ENV);
        String source = property != null ? "system property " + PROPERTY : ENV;
        if (value == null || value.isBlank()) {
            return Math.max(MIN_SIZE, PER_CORE * cores);
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same words as a number out of range.
        }
        throw new UsageException(source + "=" + value + ": the number of SSH handshakes at once must be a whole number of at least 1");
    }

    public int size() {
        return size;
    }

    /** Waits for this host's turn, first come, first served; the caller must {@link #leave} once logged in or failed. */
    void enter() throws InterruptedException {
        // A fair semaphore's timed tryAcquire does not jump the queue: it fails when anyone waits.
        if (!permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            queued.incrementAndGet();
            permits.acquire();
        }
    }

    void leave() {
        permits.release();
    }

    /**
     * Whether other hosts wait for a turn: the controller has more handshakes to do than places. A handshake
     * that timed out then may have lost to the controller's own load rather than to the host.
     */
    boolean saturated() {
        return permits.hasQueuedThreads();
    }

    /** Places free right now (for tests and diagnostics). */
    int free() {
        return permits.availablePermits();
    }

    /** Hosts waiting for a turn right now (an estimate, as the semaphore gives it; for tests and diagnostics). */
    int waiting() {
        return permits.getQueueLength();
    }

    /** Where the gate's contention stood when a handshake started, for {@link #saturatedSince}. */
    record Mark(long queued, boolean saturated) {
    }

    /** Taken as a handshake starts. */
    Mark mark() {
        return new Mark(queued.get(), saturated());
    }

    /**
     * Whether other hosts waited for a turn at any time since {@code start}: when it was taken, by a host that
     * arrived since (even one that has had its turn by now), or now. A handshake's lost time comes from
     * the whole of it, not from the moment it ended.
     */
    boolean saturatedSince(Mark start) {
        return start.saturated() || queued.get() > start.queued() || saturated();
    }

    /**
     * Whether a connect attempt that timed out is worth one more turn: only while the gate was saturated
     * (the controller had more handshakes to do than places), and only once, so that a dead host is still
     * reported after at most two connect timeouts. Other failures (refused, unknown key) are never retried.
     */
    static boolean retry(int attempt, boolean saturated) {
        return attempt == 1 && saturated;
    }
}
