package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.LocalConnector;
import java.time.Instant;

/** A controller that takes a host lock and keeps it until it is killed: run in a child JVM by the tests. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalConnector local = new LocalConnector("node01");
        new HostLock(args[0]).acquire(local, LockHolder.thisProcess(args[1], Instant.parse("2026-11-25T15:19:00Z")));
        System.out.println("held");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
