package dev.aistorctl.playbooks.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.RunningCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run at a time per host, and none of a run's remote processes outliving its lock. The lock is an
 * {@code flock} held by a shell on the host whose stdin is the controller's connection. Every command the run
 * starts on the host carries {@link #MARKER}{@code =<run id>} in its environment ({@link RunMarkedConnector});
 * when the lock shell lets go, it first stops every process carrying its run's marker (TERM, then KILL after
 * five seconds), so that no {@code mkfs} runs on under a lock another run already holds. Commands started
 * without a terminal get no SIGHUP when their connection drops, which is why the marker is needed at all.
 *
 * <p>The shell lets go when the run releases the lock (end of input), when the connection drops and the host
 * notices (end of input), or when the controller has been silent for {@link #silenceLimit()}: the controller
 * writes a heartbeat line every {@link #heartbeat()}, so a half-open TCP connection, which the host's sshd
 * would only notice after its TCP keepalive (about two hours), holds the lock for a minute, not for hours.
 *
 * <p>Next to the lock, {@code <lock>.json} names the holder (run id, controller, user, pid, start) and the pid
 * of the lock shell. It is descriptive except for one use: {@link #breaking(String)} reads it to take over a
 * stale lock of the named run only. A holder killed hard may leave the file behind; the next run to take the
 * lock overwrites it.
 */
public final class HostLock {
    public static final String DEFAULT_PATH = "/run/aistorctl.lock";
    /** The environment variable that marks a run's remote processes with its run id. */
    public static final String MARKER = "AISTORCTL_LOCK_RUN";
    static final int BUSY = 75;
    static final int NO_FLOCK = 69;

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_SILENCE_LIMIT = Duration.ofSeconds(60);
    /** Stopping a run's processes takes up to five seconds of TERM, then KILL, plus the scans of /proc. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(20);
    private static final ScheduledExecutorService HEARTBEATS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "aistorctl-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });
    /**
     * Reads of the lock shell's answer, which block on the host. Not the common pool: on a controller with more
     * than two cores CompletableFuture runs on it, whose few workers blocked reads would starve (a lock taken on
     * each of hundreds of hosts at once). A cached pool: as many threads as locks being taken at that moment,
     * none once they are held (a held lock is read no more), so a command holding 512 locks keeps no thread for them.
     */
    private static final ExecutorService ANSWERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aistorctl-lock-answer");
        t.setDaemon(true);
        return t;
    });

    /*
     * $1 lock file, $2 holder file, $3 holder JSON, $4 this run's id, $5 the run id whose stale lock may be
     * broken (empty: none), $6 seconds of controller silence after which the lock is let go. The lock fd (9)
     * is closed for the commands that wait, so the lock goes as soon as the shell does; the run's marked
     * processes are stopped and the holder file removed before the shell exits, and so before the lock is
     * free. A broken lock's shell is recognised by its name ($0, in /proc/PID/cmdline) before it is killed,
     * so a recycled pid is never hit.
     */
    private static final String SCRIPT = String.join("\n",
            "command -v flock >/dev/null 2>&1 || { echo 'flock(1) is not installed (util-linux)' >&2; exit " + NO_FLOCK + "; }",
            "exec 9>>\"$1\" || exit 70",
            // One grep over every process's environment: a grep per process costs seconds on a busy host.
            "marked() { for e in $(grep -lzxF \"" + MARKER + "=$1\" /proc/[0-9]*/environ 2>/dev/null); do"
                    + " p=${e#/proc/}; echo \"${p%/environ}\"; done; }",
            "stop_run() { p=$(marked \"$1\"); [ -z \"$p\" ] && return 0; kill -TERM $p 2>/dev/null; i=0;"
                    + " while [ $i -lt 20 ]; do sleep 0.25; p=$(marked \"$1\"); [ -z \"$p\" ] && return 0; i=$((i+1)); done;"
                    + " kill -KILL $p 2>/dev/null; return 0; }",
            "if ! flock -n 9; then",
            "  held=$(cat -- \"$2\" 2>/dev/null)",
            "  [ -z \"$5\" ] && { echo busy; printf '%s\\n' \"$held\"; exit " + BUSY + "; }",
            "  case \"$held\" in *\"\\\"run_id\\\":\\\"$5\\\"\"*) ;; *) echo refused; printf '%s\\n' \"$held\"; exit " + BUSY + ";; esac",
            "  lp=$(printf '%s' \"$held\" | sed -n 's/.*\"lock_pid\":\\([0-9][0-9]*\\).*/\\1/p')",
            "  [ -n \"$lp\" ] && grep -qzxF aistorctl-lock \"/proc/$lp/cmdline\" 2>/dev/null && kill -KILL \"$lp\" 2>/dev/null",
            "  stop_run \"$5\"",
            "  flock -w 10 9 || { echo 'the lock stayed held after its holder was stopped' >&2; exit 72; }",
            "  echo broken; printf '%s\\n' \"$held\"",
            "fi",
            "printf '%s,\"lock_pid\":%s}\\n' \"${3%?}\" \"$$\" > \"$2.$$\" && mv -f -- \"$2.$$\" \"$2\" || exit 71",
            "echo locked",
            "trap '' HUP PIPE",
            "while l=$(timeout \"$6\" head -n 1 9>&-) && [ -n \"$l\" ]; do :; done",
            "stop_run \"$4\"",
            "rm -f -- \"$2\"");

    private final String path;
    private final String breakRunId;
    private final Duration heartbeat;
    private final Duration silenceLimit;

    public HostLock() {
        this(DEFAULT_PATH);
    }

    /** A lock at another path: tests, or hosts where /run is not writable. */
    public HostLock(String path) {
        this(path, null, DEFAULT_HEARTBEAT, DEFAULT_SILENCE_LIMIT);
    }

    private HostLock(String path, String breakRunId, Duration heartbeat, Duration silenceLimit) {
        if (heartbeat.compareTo(silenceLimit) >= 0 || silenceLimit.toSeconds() < 1) {
            throw new IllegalArgumentException("the heartbeat (" + heartbeat + ") must be shorter than the silence limit ("
                    + silenceLimit + "), which is at least one second");
        }
        this.path = path;
        this.breakRunId = breakRunId;
        this.heartbeat = heartbeat;
        this.silenceLimit = silenceLimit;
    }

    /**
     * This lock, taking over a stale lock held by run {@code runId} (and only that run): its marked processes
     * are stopped and its lock shell ended first. A lock held by any other run is refused as always.
     *
     * @throws IllegalArgumentException when {@code runId} is not a run id
     */
    public HostLock breaking(String runId) {
        if (runId == null) {
            return new HostLock(path, null, heartbeat, silenceLimit);
        }
        if (!dev.aistorctl.playbooks.RunIds.isRunId(runId)) {
            throw new IllegalArgumentException("not a run id: '" + runId + "' (run ids look like 20261125T151900Z-ab12)");
        }
        return new HostLock(path, runId, heartbeat, silenceLimit);
    }

    /** This lock with another heartbeat and silence limit (tests: a dead controller noticed in seconds). */
    public HostLock withHeartbeat(Duration every, Duration silence) {
        return new HostLock(path, breakRunId, every, silence);
    }

    public String path() {
        return path;
    }

    public String holderPath() {
        return path + ".json";
    }

    /** How often a holding controller tells the host it is still there. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** How long the host waits for a heartbeat before it stops the run's processes and lets the lock go. */
    public Duration silenceLimit() {
        return silenceLimit;
    }

    /**
     * Takes the lock or refuses at once.
     *
     * @throws HostLockedException when another run holds it, naming that run and since when
     * @throws RemoteException     when the lock cannot be taken at all (no flock, no permission)
     */
    public Held acquire(Connector connector, LockHolder holder) {
        String action = "take the run lock " + path;
        Command command = Command.of("sh", "-c", SCRIPT, "aistorctl-lock", path, holderPath(), toJson(holder),
                holder.runId(), breakRunId == null ? "" : breakRunId, Long.toString(silenceLimit.toSeconds())).asRoot();
        RunningCommand running = connector.start(command);
        BufferedReader out = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8));
        String line = firstLine(connector, running, out, action);
        LockHolder broken = null;
        if ("broken".equals(line)) {
            broken = parse(firstLine(connector, running, out, action)).orElse(null);
            line = firstLine(connector, running, out, action);
        }
        if ("locked".equals(line)) {
            return new Held(running, connector.host(), holder, broken, heartbeat);
        }
        if ("busy".equals(line) || "refused".equals(line)) {
            String rest = readRest(out);
            running.close();
            LockHolder other = parse(rest).orElse(null);
            throw "busy".equals(line)
                    ? HostLockedException.held(connector.host(), action, other, Instant.now())
                    : HostLockedException.breakRefused(connector.host(), action, breakRunId, other, Instant.now());
        }
        // Its error output is read only now that the lock was not taken: a held lock's shell writes none, and a
        // reader waiting on it for the whole hold would be a thread per host. The channel keeps what arrived; it is
        // read to its end (the shell has given up) before the channel is closed, so none of it is lost.
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(running), ANSWERS);
        String err = "";
        try {
            err = stderr.get(5, TimeUnit.SECONDS).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A shell that neither took the lock nor ended: say so below without its words.
        } finally {
            running.close();
        }
        throw new RemoteException(connector.host(), action, err.isEmpty() ? "the lock command ended without taking the lock" : err);
    }

    /** The next line of the lock shell's answer, or the lock refused with the reason it could not be read. */
    private static String firstLine(Connector connector, RunningCommand running, BufferedReader out, String action) {
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> readLine(out), ANSWERS);
        try {
            return next.get(ACQUIRE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            running.close();
            throw new RemoteException(connector.host(), action, "no answer within " + ACQUIRE_TIMEOUT.toSeconds() + "s");
        } catch (InterruptedException e) {
            running.close();
            Thread.currentThread().interrupt();
            throw new RemoteException(connector.host(), action, "interrupted", e);
        } catch (ExecutionException e) {
            running.close();
            throw new RemoteException(connector.host(), action, String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    static String toJson(LockHolder holder) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("run_id", holder.runId());
        node.put("controller", holder.controller());
        node.put("user", holder.user());
        node.put("pid", holder.pid());
        node.put("started", holder.started().toString());
        return node.toString();
    }

    static Optional<LockHolder> parse(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json.strip());
            if (n == null || !n.hasNonNull("run_id")) {
                return Optional.empty();
            }
            return Optional.of(new LockHolder(n.path("run_id").asText(), n.path("controller").asText("unknown"),
                    n.path("user").asText("unknown"), n.path("pid").asLong(), Instant.parse(n.path("started").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String readLine(BufferedReader out) {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("reading the lock command's answer failed: " + e.getMessage(), e);
        }
    }

    private static String readRest(BufferedReader out) {
        StringBuilder sb = new StringBuilder();
        try {
            String l;
            while ((l = out.readLine()) != null) {
                sb.append(l).append('\n');
            }
        } catch (IOException e) {
            // What we read so far is all we can show.
        }
        return sb.toString();
    }

    private static String readAll(RunningCommand running) {
        try {
            return new String(running.stderr().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A held lock; closing it stops the run's marked processes on the host and releases the lock (which the host
     * also does by itself when the connection drops or the heartbeat stops).
     */
    public static final class Held implements AutoCloseable {
        private final RunningCommand running;
        private final String host;
        private final LockHolder holder;
        private final LockHolder broken;
        private final ScheduledFuture<?> beats;

        Held(RunningCommand running, String host, LockHolder holder, LockHolder broken, Duration heartbeat) {
            this.running = running;
            this.host = host;
            this.holder = holder;
            this.broken = broken;
            long every = Math.max(1, heartbeat.toMillis());
            this.beats = HEARTBEATS.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        public String host() {
            return host;
        }

        public LockHolder holder() {
            return holder;
        }

        /** The stale holder this lock was taken over from with {@link HostLock#breaking}, if it was. */
        public Optional<LockHolder> broken() {
            return Optional.ofNullable(broken);
        }

        /** False when the lock command ended early (e.g. the connection dropped): the lock is gone. */
        public boolean isHeld() {
            return running.isAlive();
        }

        private void beat() {
            try {
                OutputStream in = running.stdin();
                in.write(HEARTBEAT_LINE);
                in.flush();
            } catch (IOException | RuntimeException e) {
                // The lock shell or its connection is gone; the host has let go (or will, after the silence limit).
                beats.cancel(false);
            }
        }

        /** Ends the heartbeat and input, then waits for the host to stop the run's processes and let go. */
        @Override
        public void close() {
            letGo();
            awaitLetGo();
        }

        /**
         * Ends the heartbeat and input without waiting: the host now stops the run's processes and lets go. With
         * {@link #awaitLetGo()}, many hosts let go at once instead of one after the other.
         */
        public void letGo() {
            beats.cancel(false);
            try {
                running.stdin().close();
            } catch (IOException | RuntimeException e) {
                // Already closed: the shell sees end of input either way.
            }
        }

        /**
         * Waits (bounded) for the host to have let go after {@link #letGo()}: the lock shell's exit, heard as its channel
         * closes, not at the next look (a look every 50 ms cost each host 25 ms on average at the end of every run);
         * closing twice is harmless.
         */
        public void awaitLetGo() {
            running.awaitExit(RELEASE_WAIT);
            running.close();
        }
    }

    private static final byte[] HEARTBEAT_LINE = ".\n".getBytes(StandardCharsets.US_ASCII);
}
