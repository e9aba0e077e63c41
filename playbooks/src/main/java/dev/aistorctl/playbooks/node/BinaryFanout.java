package dev.aistorctl.playbooks.node;

import dev.aistorctl.playbooks.RunShared;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who gets the server binary from whom, for one run whose hosts each install it in parallel, so that the
 * binary crosses the controller's link about twice whatever the number of hosts.
 *
 * <p>Seats: the first {@value #SEEDS} hosts in the run's order to reach the install are <em>seeds</em>: the
 * controller uploads to them, and each serves its verified copy to the others over the cluster network. Two,
 * not one: a seed that fails mid-run (its upload, its server, its host) leaves the other serving, so the
 * fetchers do not all fall back to the controller at once; and two uploads still keep the controller's bytes
 * within 2.5 x the binary. A host that would be a seed waits for no one; any other host waits until its seed
 * serves. The seats are decided in the run's host order (a host never takes a seat while a host before it may
 * still take it), so the same run gives the same seeds.
 *
 * <p>Peers: the fetcher at position {@code i} of the run takes seed {@code i mod seeds} of the seeds in the
 * run's order, which spreads the fetches evenly. A fetch that fails or brings a file with another SHA-256 is
 * {@link #refused}: that seed is no longer offered, and the fetcher gets the controller's upload instead (and
 * takes the seed's seat when one is free). After {@value #SEEDS} seeds are lost, fan-out stops for the run:
 * every host still to come gets the controller's upload, rather than waves of new seeds failing alike (e.g.
 * hosts without python3 to serve with).
 *
 * <p>A seed serves until its host's run ends, and then as long as any host still running may fetch from it
 * ({@link #awaitNoFetchers}); it never waits for hosts not yet started (they may wait for its parallel slot),
 * which get seeds of their own.
 */
public final class BinaryFanout implements RunShared.Member {
    /** Seeds per run: the controller uploads to this many hosts. */
    public static final int SEEDS = 2;
    /** How long a host waits for its seed before it gets the controller's upload: about one slow upload. */
    static final Duration WAIT_LIMIT = Duration.ofMinutes(15);

    /** How the binary reaches one host. */
    public sealed interface Source permits Upload, Peer {
    }

    /**
     * The controller uploads it. {@code seed}: the host then serves it to others. {@code why}: why a host that
     * could have fetched from a peer did not (null for a seed).
     */
    public record Upload(boolean seed, String why) implements Source {
    }

    /** The host fetches it from {@code seed}, which serves it at {@code url}. */
    public record Peer(String seed, String url) implements Source {
    }

    private enum State { PENDING, WAITING, SEEDING, SERVING, FETCHING, DONE }

    private final List<String> hosts;
    private final Predicate<String> running;
    private final int seeds;
    private final Duration waitLimit;
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, String> urls = new HashMap<>();
    /** Fetcher → the seed it fetches from. */
    private final Map<String, String> fetchingFrom = new HashMap<>();
    private int lost;

    /**
     * @param hosts     the run's hosts in the order the runner starts them
     * @param running   whether a host has started and not yet finished its run
     * @param seeds     how many hosts the controller uploads to
     * @param waitLimit how long a host waits for its seed
     */
    BinaryFanout(List<String> hosts, Predicate<String> running, int seeds, Duration waitLimit) {
        this.hosts = List.copyOf(hosts);
        this.running = running;
        this.seeds = seeds;
        this.waitLimit = waitLimit;
        hosts.forEach(h -> states.put(h, State.PENDING));
    }

    /** The run's coordinator, made by the first host that asks. */
    public static BinaryFanout of(RunShared run) {
        return run.get(BinaryFanout.class, r -> new BinaryFanout(r.hosts(), r::running, SEEDS, WAIT_LIMIT));
    }

    /** False for a run of one host: the controller uploads to it, as it would anyway. */
    public boolean fansOut() {
        return hosts.size() > 1;
    }

    /**
     * How the binary reaches {@code host}: a seat (upload, then serve) or a seed to fetch from, once it serves.
     * Blocks while the host's seed is still being uploaded to, or a host before it may still take a seat.
     */
    public synchronized Source source(String host) throws InterruptedException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (true) {
            if (lost >= seeds) {
                states.put(host, State.DONE);
                return new Upload(false, lost + " seeds were lost in this run (" + (seeds > 1 ? "failed or refused" : "failed")
                        + "), so every host still to come gets the controller's upload");
            }
            if (takesSeat(host)) {
                states.put(host, State.SEEDING);
                notifyAll();
                return new Upload(true, null);
            }
            List<String> seats = seats();
            if (!seats.isEmpty()) {
                String seed = seats.get(hosts.indexOf(host) % seats.size());
                if (states.get(seed) == State.SERVING) {
                    states.put(host, State.FETCHING);
                    fetchingFrom.put(host, seed);
                    return new Peer(seed, urls.get(seed));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                states.put(host, State.DONE);
                notifyAll();
                return new Upload(false, "no peer served a verified copy within " + waitLimit.toMinutes() + " min");
            }
            states.put(host, State.WAITING);
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** {@code host}, a seed, serves its verified copy at {@code url}. */
    public synchronized void serving(String host, String url) {
        urls.put(host, url);
        states.put(host, State.SERVING);
        notifyAll();
    }

    /**
     * {@code host} holds no copy it serves: its install failed, or, for a seed, its upload, check or server did
     * (the next host then takes its seat).
     */
    public synchronized void notServing(String host) {
        fetchingFrom.remove(host);
        State s = states.get(host);
        if (s == State.SEEDING || s == State.SERVING) {
            lost++;
        }
        states.put(host, State.DONE);
        notifyAll();
    }

    /** {@code host} holds a verified copy it does not serve (fetched, or uploaded to a host without a seat). */
    public synchronized void installed(String host) {
        fetchingFrom.remove(host);
        states.put(host, State.DONE);
        notifyAll();
    }

    /** {@code host} needs no binary in this run (it has it already). */
    public synchronized void notNeeded(String host) {
        if (states.get(host) == State.PENDING) {
            states.put(host, State.DONE);
            notifyAll();
        }
    }

    /**
     * {@code host}'s fetch from {@code seed} failed or brought a wrong file: the seed is no longer offered, and the
     * host gets the controller's upload, with the seed's seat when one is free.
     */
    public synchronized Upload refused(String host, String seed) {
        fetchingFrom.remove(host);
        State s = states.get(seed);
        if (s == State.SERVING || s == State.SEEDING) {
            lost++;
            states.put(seed, State.DONE);
        }
        boolean seat = lost < seeds && takesSeat(host);
        states.put(host, seat ? State.SEEDING : State.DONE);
        notifyAll();
        return new Upload(seat, "the peer " + seed + " could not serve it");
    }

    /**
     * Blocks until no host still running may fetch from {@code seed}, then stops offering it. Hosts not yet started
     * are not waited for: they may be waiting for the seed's own parallel slot.
     */
    public synchronized void awaitNoFetchers(String seed) throws InterruptedException {
        while (mayFetchFrom(seed)) {
            wait(1000);
        }
        if (states.get(seed) == State.SERVING || states.get(seed) == State.SEEDING) {
            states.put(seed, State.DONE);
        }
        notifyAll();
    }

    @Override
    public synchronized void hostFinished(String host) {
        State s = states.get(host);
        if (s == State.SEEDING) {
            lost++;
        }
        fetchingFrom.remove(host);
        if (s != null) {
            states.put(host, State.DONE);
        }
        notifyAll();
    }

    /** Whether {@code host} is waiting for its seed (tests: a waiting host is seen without a timed wait). */
    synchronized boolean waiting(String host) {
        return states.get(host) == State.WAITING;
    }

    private boolean mayFetchFrom(String seed) {
        for (String h : hosts) {
            if (h.equals(seed)) {
                continue;
            }
            State s = states.get(h);
            if (seed.equals(fetchingFrom.get(h)) || s == State.WAITING || (s == State.PENDING && running.test(h))) {
                return true;
            }
        }
        return false;
    }

    /** The live seeds (being uploaded to, or serving), in the run's order. */
    private List<String> seats() {
        List<String> out = new ArrayList<>();
        for (String h : hosts) {
            State s = states.get(h);
            if (s == State.SEEDING || s == State.SERVING) {
                out.add(h);
            }
        }
        return out;
    }

    /** A free seat that no host before {@code host} may still take. */
    private boolean takesSeat(String host) {
        int taken = seats().size();
        for (String h : hosts) {
            if (h.equals(host)) {
                break;
            }
            State s = states.get(h);
            if (s == State.WAITING || s == State.PENDING) {
                taken++;
            }
        }
        return taken < seeds;
    }
}
