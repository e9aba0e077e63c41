package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.RemoteException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Another run holds the host's lock; the message names that run, since when, where to see what it is doing, and how
 * to break it if it is gone.
 */
public final class HostLockedException extends RemoteException {
    private final transient LockHolder holder;

    private HostLockedException(String host, String action, String cause, LockHolder holder) {
        super(host, action, cause);
        this.holder = holder;
    }

    /** The lock is held and no break was asked for. */
    public static HostLockedException held(String host, String action, LockHolder holder, Instant now) {
        return new HostLockedException(host, action, holder == null
                ? "another process holds it (no holder information next to the lock)"
                : "held by " + holder.describe() + ", " + age(holder, now) + " ago; " + holder.whereToLook()
                        + "; wait for that run to end (the lock is"
                        + " released when its connection closes), or if that run is gone, break its lock with --break-lock "
                        + holder.runId(), holder);
    }

    /** A break was asked for another run than the one holding the lock: nothing was broken. */
    public static HostLockedException breakRefused(String host, String action, String asked, LockHolder holder, Instant now) {
        return new HostLockedException(host, action, "--break-lock " + asked + " refused: "
                + (holder == null ? "the lock's holder is unknown (no holder information next to the lock)"
                        : "the lock is held by " + holder.describe() + ", " + age(holder, now) + " ago")
                + "; nothing was broken", holder);
    }

    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }

    /** "3h 12m", "4m 05s", "12s": how long the holder has held the lock. */
    static String age(LockHolder holder, Instant now) {
        Duration d = Duration.between(holder.started(), now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + String.format("%02dm", d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + String.format("%02ds", d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }
}
