package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.RemoteException;
import java.util.Optional;

/** Another run holds the host's lock; the message names that run and since when. */
public final class HostLockedException extends RemoteException {
    private final transient LockHolder holder;

    public HostLockedException(String host, String action, LockHolder holder) {
        super(host, action, holder == null
                ? "another process holds it (no holder information next to the lock)"
                : "held by " + holder.describe() + "; wait for that run to end (the lock is released when its connection closes)");
        this.holder = holder;
    }

    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
