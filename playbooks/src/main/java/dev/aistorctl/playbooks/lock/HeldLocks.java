package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.playbooks.Interruption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host locks of one command made of several runs (a provision: its fact gathering, its plans, the go-ahead,
 * every apply run, the pre-flight, the wait for health, the proof): each host's lock is taken once, by whatever
 * reaches the host first, and held until the command ends ({@link #close()}). So nothing can change a host
 * between the plan a person reviews and its apply, and a second command is refused on the host at any moment of the first, naming the first command's run id
 * ({@link #runId()}): the id the holder file names, {@code --break-lock} takes, and every remote command of the
 * command carries as its marker, so that letting go still stops all of them.
 *
 * <p>A lock lives on its connection, so these locks are for kept connections only (one connection per host for
 * the whole command): a connection closed at the end of a run would take the lock with it. When a kept connection
 * dropped and was made anew, the host let go with it; the host is never used without its lock: the next
 * {@link #hold} takes it again on the new connection, or refuses the host, naming the run that took it meanwhile.
 */
public final class HeldLocks implements AutoCloseable {
    /** How a {@link #hold} found the host's lock, as the journal records it. */
    public enum How {
        /** Taken now, the first time in this command. */
        TAKEN,
        /** Already held by this command: used as it is. */
        HELD,
        /** Taken again: the lock was lost with its connection, and no other run had taken it. */
        TAKEN_AGAIN;

        public String word() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /** The host's held lock, how it was found, and the stale holder it was taken over from (if it was). */
    public record Hold(HostLock.Held held, How how, Optional<LockHolder> broken) {
    }

    private final HostLock lock;
    private final LockHolder holder;
    private final Interruption interruption;
    private final Map<String, Entry> hosts = new LinkedHashMap<>();
    private boolean closed;

    private static final class Entry {
        HostLock.Held held;
        Interruption.Registration onForce;
    }

    /**
     * @param lock         the host lock, breaking what {@code --break-lock} names
     * @param holder       the command, as the holder file names it: its run id is the command's
     * @param interruption a forced interrupt (the second Ctrl-C) lets go of every held lock at once
     */
    public HeldLocks(HostLock lock, LockHolder holder, Interruption interruption) {
        this.lock = lock;
        this.holder = holder;
        this.interruption = interruption;
    }

    /** The command's run id: the holder file's, and the marker of every remote command under these locks. */
    public String runId() {
        return holder.runId();
    }

    public HostLock lock() {
        return lock;
    }

    /**
     * The lock of {@code connector}'s host, held by this command: taken now on {@code connector} if it is not held
     * yet, or again when it was lost with its connection. Hosts are held independently; one host's take never
     * waits for another's.
     *
     * @throws HostLockedException when another run holds the host (also when it took it after this command lost it)
     * @throws RemoteException     when the lock cannot be taken at all
     * @throws AistorException     after a forced interrupt
     */
    public Hold hold(Connector connector) {
        String host = connector.host();
        Entry entry;
        synchronized (hosts) {
            if (closed) {
                throw new IllegalStateException("the command's host locks were let go");
            }
            entry = hosts.computeIfAbsent(host, h -> new Entry());
        }
        synchronized (entry) {
            if (interruption.forced()) {
                throw new AistorException(ExitCode.HOST_FAILED, host + ": the host lock was let go (the run was interrupted):"
                        + " nothing more runs on the host");
            }
            if (entry.held != null && entry.held.isHeld()) {
                return new Hold(entry.held, How.HELD, Optional.empty());
            }
            boolean lost = entry.held != null;
            if (lost) {
                entry.onForce.close();
                entry.held.close();
                entry.held = null;
            }
            HostLock.Held taken;
            try {
                taken = lock.acquire(connector, holder);
            } catch (HostLockedException e) {
                if (!lost) {
                    throw e;
                }
                throw new RemoteException(host, "take the run lock " + lock.path() + " again", "the lock was lost with its"
                        + " connection, and another run took the host meanwhile; nothing more of this command runs there: "
                        + e.getMessage().substring(Math.min(e.getMessage().length(), (host + ": " + e.action() + ": ").length())), e);
            }
            entry.held = taken;
            HostLock.Held letGo = taken;
            entry.onForce = interruption.onForce(letGo::letGo);
            return new Hold(taken, lost ? How.TAKEN_AGAIN : How.TAKEN, taken.broken());
        }
    }

    /** Lets go of every host at once, then waits (bounded) until each host has stopped the command's processes. */
    @Override
    public void close() {
        List<Entry> all;
        synchronized (hosts) {
            closed = true;
            all = new ArrayList<>(hosts.values());
        }
        release(all);
    }

    private static void release(List<Entry> entries) {
        List<HostLock.Held> letting = new ArrayList<>();
        for (Entry e : entries) {
            if (e.held != null) {
                e.onForce.close();
                e.held.letGo();
                letting.add(e.held);
                e.held = null;
            }
        }
        letting.forEach(HostLock.Held::awaitLetGo);
    }
}
