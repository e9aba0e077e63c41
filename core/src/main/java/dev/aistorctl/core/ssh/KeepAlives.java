package dev.aistorctl.core.ssh;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.ConnectionException;

/**
 * SSH keepalives of every connection of the process from one thread. SSHJ's own keepalive is a thread per
 * connection, asleep between probes; a command that keeps a connection to each of 512 hosts open would keep 512
 * of them. The probe is the same as SSHJ's {@code KeepAliveRunner}: a {@code keepalive@openssh.com} global
 * request every interval, and the connection given up (its transport ended with an error, as a dropped
 * connection is) when {@code unanswered} probes in a row got no answer.
 *
 * <p>A probe only queues a small packet; a write that blocks (a peer that stopped reading and a full socket
 * buffer) would hold the one thread, delaying the other connections' probes without ever failing them: a probe
 * not sent is not counted as unanswered.
 */
final class KeepAlives {
    private static final KeepAlives PROCESS = new KeepAlives(Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-keepalive");
        t.setDaemon(true);
        return t;
    }));

    private final ScheduledExecutorService scheduler;

    KeepAlives(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static KeepAlives process() {
        return PROCESS;
    }

    /** Probes {@code connection} every {@code interval} until it ends or the returned future is cancelled. */
    ScheduledFuture<?> probe(Connection connection, Duration interval, int unanswered) {
        long every = Math.max(1, interval.toMillis());
        Probe probe = new Probe(connection, interval, unanswered);
        probe.future = scheduler.scheduleWithFixedDelay(probe, every, every, TimeUnit.MILLISECONDS);
        return probe.future;
    }

    private static final class Probe implements Runnable {
        private final Connection connection;
        private final Duration interval;
        private final int unanswered;
        private final Queue<Promise<SSHPacket, ConnectionException>> sent = new ArrayDeque<>();
        volatile ScheduledFuture<?> future;

        Probe(Connection connection, Duration interval, int unanswered) {
            this.connection = connection;
            this.interval = interval;
            this.unanswered = unanswered;
        }

        @Override
        public void run() {
            if (!connection.getTransport().isRunning()) {
                future.cancel(false);
                return;
            }
            while (!sent.isEmpty() && sent.peek().isFulfilled()) {
                sent.remove();
            }
            try {
                if (sent.size() >= unanswered) {
                    // SSHJ's own words, which the documents and the error of a frozen host quote.
                    throw new ConnectionException(DisconnectReason.CONNECTION_LOST, "Did not receive any keep-alive response for "
                            + interval.toSeconds() * unanswered + " seconds");
                }
                sent.add(connection.sendGlobalRequest("keepalive@openssh.com", true, new byte[0]));
            } catch (Exception e) {
                // What a dropped connection does: every wait on it ends with this error.
                future.cancel(false);
                connection.getTransport().die(e);
            }
        }
    }
}
