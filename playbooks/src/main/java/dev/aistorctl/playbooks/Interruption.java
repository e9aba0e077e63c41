package dev.aistorctl.playbooks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An engineer's Ctrl-C (or a SIGTERM) to a run, in two degrees. The first asks the run to stop: no host and no
 * step starts any more, the steps already running finish (a format completes, a file is renamed into place),
 * the host locks are let go as usual and the journal ends {@code interrupted}. The second forces: the running
 * steps are stopped too, by letting go of their host locks, whose shells stop every process of the run on the
 * host before the lock is free (see {@link dev.aistorctl.playbooks.lock.HostLock}). A third is the caller's to
 * handle (the CLI ends the process at once).
 *
 * <p>One per process ({@link #process()}), since a signal is; tests make their own.
 */
public final class Interruption {
    /** How far the engineer has asked the run to stop. */
    public enum Degree {
        NONE, STOP, FORCE, HALT
    }

    private static final Interruption PROCESS = new Interruption();

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> signal = new AtomicReference<>();
    private final Set<Runnable> forceActions = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Set once a request found nobody listening and the process is ending; guarded by {@code this}. */
    private boolean quitting;

    /** A registration, ended by closing it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Told of each request as it comes, on the signal's thread. */
    @FunctionalInterface
    public interface Listener {
        /** Hears nothing: for a caller that only needs a request to be the run's rather than the end of the process. */
        Listener PRESENT = (signal, degree) -> { };

        void requested(String signal, Degree degree);
    }

    /** The process's own: what the CLI's signal handlers request and every run of the process obeys. */
    public static Interruption process() {
        return PROCESS;
    }

    /**
     * One more request, by {@code signalName} ("SIGINT", "SIGTERM"); returns the degree now reached. At
     * {@link Degree#FORCE} the registered force actions run, each on a thread of its own, so that every host
     * is let go at once.
     */
    public Degree request(String signalName) {
        signal.compareAndSet(null, signalName);
        int n = requests.incrementAndGet();
        Degree degree = n == 1 ? Degree.STOP : n == 2 ? Degree.FORCE : Degree.HALT;
        for (Listener l : listeners) {
            l.requested(signal.get(), degree);
        }
        if (degree == Degree.FORCE) {
            for (Runnable action : forceActions) {
                Thread t = new Thread(action, "aistorctl-interrupt");
                t.setDaemon(true);
                t.start();
            }
        }
        return degree;
    }

    public boolean requested() {
        return requests.get() > 0;
    }

    public boolean forced() {
        return requests.get() > 1;
    }

    /** The first signal received, or null. */
    public String signal() {
        return signal.get();
    }

    /** True while at least one run listens: a request is then handled by the run, not by ending the process. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** {@code action} runs when the interruption is forced (immediately if it already is); the handle removes it. */
    public Registration onForce(Runnable action) {
        forceActions.add(action);
        if (forced() && forceActions.remove(action)) {
            action.run();
        }
        return () -> forceActions.remove(action);
    }

    /**
     * Runs {@code work} on the calling thread, which the first request interrupts: for a phase that changes
     * nothing on the hosts (a pre-flight survey, the wait for health), so there is nothing to let finish. The
     * work sees the interrupt as any blocking call does: a remote command it waits for is killed on its host
     * (see {@code SshConnector}), a sleep ends. While it runs, a request is handled here, not by ending the
     * process. On return the thread's interrupt status is clear again; whether the work was cut is
     * {@link #requested()}.
     */
    public <T> T cutting(java.util.function.Supplier<T> work) {
        Thread worker = Thread.currentThread();
        Object guard = new Object();
        boolean[] running = {true};
        Registration heard = listen((signalName, degree) -> {
            synchronized (guard) {
                if (running[0]) {
                    worker.interrupt();
                }
            }
        });
        try {
            if (requested()) {
                worker.interrupt();
            }
            return work.get();
        } finally {
            heard.close();
            synchronized (guard) {
                running[0] = false;
            }
            // What follows (writing the run's record, ending the process) must not be cut by a stale interrupt.
            Thread.interrupted();
        }
    }

    /**
     * For a signal handler: true when nobody listens and nothing was requested before, so the process is to end
     * now. From then on no one is let {@link #listen} any more: the decision and a run's start exclude each other,
     * or a run could start (open its journal, take host locks) in the moment between the two and be cut by the
     * process's end without a record of it.
     */
    public synchronized boolean quitUnlessHeard() {
        if (listeners.isEmpty() && !requested()) {
            quitting = true;
        }
        return quitting;
    }

    /**
     * {@code listener} hears every request from now on; the handle removes it. Once the process is quitting
     * ({@link #quitUnlessHeard()}) this never returns: the process ends, and whatever was about to start never does.
     */
    public Registration listen(Listener listener) {
        synchronized (this) {
            if (!quitting) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }
        }
        for (;;) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Still ending: an interrupt does not make it safe to start.
            }
        }
    }
}
