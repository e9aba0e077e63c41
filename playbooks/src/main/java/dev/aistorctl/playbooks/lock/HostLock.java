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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run at a time per host. The lock is an {@code flock} held by a shell on the host whose stdin is the
 * controller's connection: the shell waits for end of input, which comes when the run releases the lock or
 * when the connection drops for any reason (the controller crashed, was killed, lost the network). The
 * kernel drops an flock with the last process holding it, so no stale lock can outlive its run.
 *
 * <p>Next to the lock, {@code <lock>.json} names the holder (run id, controller, user, pid, start) so a
 * refused run can say who holds the host. It is descriptive only: the flock decides. A holder killed
 * hard may leave the file behind; the next run to take the lock overwrites it.
 */
public final class HostLock {
    public static final String DEFAULT_PATH = "/run/aistorctl.lock";
    static final int BUSY = 75;
    static final int NO_FLOCK = 69;

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

    /*
     * $1 lock file, $2 holder file, $3 holder JSON. The lock fd (9) is closed for cat, so the lock goes
     * as soon as the shell does; the holder file is removed before the shell exits and so before the
     * lock is released, never after a new holder wrote it.
     */
    private static final String SCRIPT = String.join("\n",
            "command -v flock >/dev/null 2>&1 || { echo 'flock(1) is not installed (util-linux)' >&2; exit " + NO_FLOCK + "; }",
            "exec 9>>\"$1\" || exit 70",
            "if ! flock -n 9; then echo busy; cat -- \"$2\" 2>/dev/null; exit " + BUSY + "; fi",
            "printf '%s\\n' \"$3\" > \"$2.$$\" && mv -f -- \"$2.$$\" \"$2\" || exit 71",
            "echo locked",
            "cat >/dev/null 9>&-",
            "rm -f -- \"$2\"");

    private final String path;

    public HostLock() {
        this(DEFAULT_PATH);
    }

    /** A lock at another path: tests, or hosts where /run is not writable. */
    public HostLock(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String holderPath() {
        return path + ".json";
    }

    /**
     * Takes the lock or refuses at once.
     *
     * @throws HostLockedException when another run holds it, naming that run and since when
     * @throws RemoteException     when the lock cannot be taken at all (no flock, no permission)
     */
    public Held acquire(Connector connector, LockHolder holder) {
        String action = "take the run lock " + path;
        Command command = Command.of("sh", "-c", SCRIPT, "aistorctl-lock", path, holderPath(), toJson(holder)).asRoot();
        RunningCommand running = connector.start(command);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(running));
        BufferedReader out = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(out));
        String line;
        try {
            line = first.get(ACQUIRE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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
        if ("locked".equals(line)) {
            return new Held(running, connector.host(), holder);
        }
        if ("busy".equals(line)) {
            String rest = readRest(out);
            running.close();
            Optional<LockHolder> other = parse(rest);
            throw new HostLockedException(connector.host(), action, other.orElse(null));
        }
        running.close();
        String err = stderr.getNow("").strip();
        try {
            err = stderr.get(5, TimeUnit.SECONDS).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Keep what we have.
        }
        throw new RemoteException(connector.host(), action, err.isEmpty() ? "the lock command ended without taking the lock" : err);
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

    /** A held lock; closing it releases the lock (and it is released anyway when the connection drops). */
    public static final class Held implements AutoCloseable {
        private final RunningCommand running;
        private final String host;
        private final LockHolder holder;

        Held(RunningCommand running, String host, LockHolder holder) {
            this.running = running;
            this.host = host;
            this.holder = holder;
        }

        public String host() {
            return host;
        }

        public LockHolder holder() {
            return holder;
        }

        /** False when the lock command ended early (e.g. the connection dropped): the lock is gone. */
        public boolean isHeld() {
            return running.isAlive();
        }

        @Override
        public void close() {
            running.close();
        }
    }
}
