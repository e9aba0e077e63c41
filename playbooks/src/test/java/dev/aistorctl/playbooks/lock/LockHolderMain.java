package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.core.RunningCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A controller that takes a host lock, starts a long {@code sleep} under it as a run's step would, and keeps both
 * until it is killed or stopped: run in a child JVM by the tests. Prints "held", then "sleep PID".
 * Arguments: lock path, run id, and optionally the heartbeat and the silence limit in milliseconds.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        hold(new LocalConnector("node01"), args);
    }

    static void hold(Connector connector, String[] args) throws Exception {
        HostLock lock = new HostLock(args[0]);
        if (args.length > 3) {
            lock = lock.withHeartbeat(Duration.ofMillis(Long.parseLong(args[2])), Duration.ofMillis(Long.parseLong(args[3])));
        }
        lock.acquire(connector, LockHolder.thisProcess(args[1], Instant.parse("2026-11-25T15:19:00Z")));
        System.out.println("held");
        System.out.flush();
        RunningCommand sleep = new RunMarkedConnector(connector, args[1]).start(Command.of("sh", "-c", "echo $$; exec sleep 300"));
        String pid = new BufferedReader(new InputStreamReader(sleep.stdout(), StandardCharsets.UTF_8)).readLine();
        System.out.println("sleep " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
