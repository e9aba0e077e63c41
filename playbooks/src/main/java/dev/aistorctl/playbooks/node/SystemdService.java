package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.storagenode.node.ServiceStamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code minio.service} is enabled and running the installed binary and configuration. The service
 * is started without waiting ({@code --no-block}): a MinIO node becomes ready only once enough of its
 * peers run, so every node's start is issued first and readiness is judged for the cluster as a
 * whole afterwards, by the health wait.
 *
 * <p>Whether the running process is current is read from {@link ServiceStamp}, written at each
 * start: a binary, file or credential that changed since restarts it. {@code restart: always}
 * restarts a running service in any case (aistorctl node restart).
 */
public final class SystemdService implements Step {
    public static final String TYPE = "minio-service";
    private static final Duration SETTLE = Duration.ofSeconds(15);
    // The plan's reads, as root like the other node steps' reads so that a node's reads share one batch.
    private static final Command UNIT_INSTALLED = Command.of("test", "-f", MinioPaths.UNIT_FILE).asRoot();
    private static final Command IS_ENABLED = Command.of("systemctl", "is-enabled", MinioPaths.SERVICE).asRoot();
    private static final Command IS_ACTIVE = Command.of("systemctl", "is-active", MinioPaths.SERVICE).asRoot();
    private static final Command STAMP = Command.of("cat", "--", ServiceStamp.PATH).asRoot();

    private final boolean always;

    public SystemdService(boolean always) {
        this.always = always;
    }

    public static SystemdService fromParams(StepParams params) {
        params.allowOnly("restart");
        String restart = params.string("restart", "changed");
        if (!restart.equals("changed") && !restart.equals("always")) {
            throw params.fail("restart", "must be 'changed' (restart when the binary or configuration changed) or 'always',"
                    + " not '" + restart + "'");
        }
        return new SystemdService(restart.equals("always"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return always ? "restart " + MinioPaths.SERVICE : MinioPaths.SERVICE + " running";
    }

    /** The unit file, whether it is enabled and active, the Java runtime (lab flavour) and the service stamp. */
    @Override
    public List<Command> reads(StepContext context) {
        List<Command> reads = new ArrayList<>(List.of(UNIT_INSTALLED, IS_ENABLED, IS_ACTIVE));
        reads.addAll(NodeDesired.javaReads(context.inventory()));
        reads.add(STAMP);
        return reads;
    }

    @Override
    public StepPlan plan(StepContext context) {
        return plan(context, always);
    }

    /** After apply a restart asked for is done; only what still differs counts. */
    @Override
    public StepPlan verify(StepContext context) {
        return plan(context, false);
    }

    private StepPlan plan(StepContext context, boolean restartAnyway) {
        List<Change> changes = new ArrayList<>();
        if (!unitInstalled(context)) {
            // A dry run of a first install plans the start before node-install has written the unit.
            return StepPlan.changes(describe(), context.host(), List.of(Change.of(ChangeKey.of("unit", MinioPaths.SERVICE), MinioPaths.SERVICE, "not installed",
                    "started once node-install has installed " + MinioPaths.UNIT_FILE)));
        }
        String enabled = context.run(IS_ENABLED).stdoutText().strip();
        if (!enabled.equals("enabled")) {
            changes.add(Change.of(ChangeKey.of("unit enabled", MinioPaths.SERVICE), MinioPaths.SERVICE + " at boot", enabled.isEmpty() ? null : enabled, "enabled"));
        }
        String active = state(context);
        ServiceStamp desired = ServiceStamp.desired(NodeDesired.binary(context.inventory()), NodeDesired.files(context));
        if (!running(active)) {
            changes.add(Change.of(ChangeKey.of("unit", MinioPaths.SERVICE), MinioPaths.SERVICE, active, "started"));
        } else {
            List<String> why = restartReasons(context, desired);
            if (!why.isEmpty()) {
                changes.add(Change.of(ChangeKey.of("unit", MinioPaths.SERVICE), MinioPaths.SERVICE, "running", "restarted with the whole cluster: " + String.join("; ", why)));
            } else if (restartAnyway) {
                changes.add(Change.of(ChangeKey.of("unit", MinioPaths.SERVICE), MinioPaths.SERVICE, "running", "restarted with the whole cluster (requested)"));
            }
        }
        return changes.isEmpty()
                ? StepPlan.nothingToDo(describe(), context.host(), MinioPaths.SERVICE + " enabled and " + active
                        + ", running the installed binary and configuration")
                : StepPlan.changes(describe(), context.host(), changes);
    }

    private static List<String> restartReasons(StepContext context, ServiceStamp desired) {
        ExecResult r = context.run(STAMP);
        Optional<ServiceStamp> started = r.ok() ? ServiceStamp.parse(r.stdoutText()) : Optional.empty();
        if (started.isEmpty()) {
            return List.of("it was started without aistorctl's record of what it runs");
        }
        List<String> why = new ArrayList<>(started.get().differences(desired));
        if (started.get().secretDigest().isEmpty() || !secretMatches(context, started.get().secretDigest().get())) {
            why.add("credential changed");
        }
        return why;
    }

    private static boolean secretMatches(StepContext context, String digest) {
        try {
            return Secret.of(context.secret(context.inventory().node().rootPassword())).matches(digest);
        } catch (IllegalArgumentException notADigest) {
            return false;
        }
    }

    /**
     * The digest the configuration step wrote for the credential when it still matches, else a new one: one
     * digest per host, so a later run derives the slow hash once for both files, not once for each.
     */
    private static String credentialDigest(StepContext context) {
        Secret secret = Secret.of(context.secret(context.inventory().node().rootPassword()));
        ExecResult written = context.run(NodeDesired.SECRET_DIGEST);
        String digest = written.ok() ? written.stdoutText().strip() : "";
        try {
            if (!digest.isEmpty() && secret.matches(digest)) {
                return digest;
            }
        } catch (IllegalArgumentException notADigest) {
            // written by something else: make our own
        }
        return secret.digest();
    }

    private static boolean unitInstalled(StepContext context) {
        return context.run(UNIT_INSTALLED).ok();
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        if (!unitInstalled(context)) {
            throw new dev.aistorctl.core.RemoteException(context.host(), "start " + MinioPaths.SERVICE, MinioPaths.UNIT_FILE
                    + " is not installed; run aistorctl node install first");
        }
        context.runChecked(Command.of("systemctl", "daemon-reload").asRoot(), "reload systemd units");
        if (plan.changes().stream().anyMatch(c -> c.after().equals("enabled"))) {
            context.runChecked(Command.of("systemctl", "enable", MinioPaths.SERVICE).asRoot(), "enable " + MinioPaths.SERVICE);
        }
        boolean start = plan.changes().stream().anyMatch(c -> c.what().equals(MinioPaths.SERVICE));
        if (!start) {
            return;
        }
        ServiceStamp desired = ServiceStamp.desired(NodeDesired.binary(context.inventory()), NodeDesired.files(context));
        // Before the start: the digest is a deliberately slow hash, and the starting daemon wants the CPU.
        String stamp = desired.withSecretDigest(credentialDigest(context)).render();
        // A unit that failed too often is refused by start until its failure count is reset.
        context.run(Command.of("systemctl", "reset-failed", MinioPaths.SERVICE).asRoot());
        String verb = running(state(context)) ? "restart" : "start";
        context.runChecked(Command.of("systemctl", verb, "--no-block", MinioPaths.SERVICE).asRoot(), verb + " " + MinioPaths.SERVICE);
        context.runChecked(Command.of("mkdir", "-p", "-m", "0700", "--", NodeFiles.STATE_DIR).asRoot(), "create " + NodeFiles.STATE_DIR);
        context.connector().put(stamp.getBytes(StandardCharsets.US_ASCII), ServiceStamp.PATH, 0600);
        awaitJob(context);
    }

    /** Until systemd has run the queued job: the unit leaves "inactive"/"deactivating", or the time is up. */
    private static void awaitJob(StepContext context) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            String jobs = context.run(Command.of("systemctl", "list-jobs", "--no-legend", MinioPaths.SERVICE)).stdoutText().strip();
            if (jobs.isEmpty() || running(state(context))) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String state(StepContext context) {
        String s = context.run(IS_ACTIVE).stdoutText().strip();
        return s.isEmpty() ? "unknown" : s;
    }

    /** activating: a MinIO node waits for its peers before it reports ready; it is started. */
    static boolean running(String state) {
        return state.equals("active") || state.equals("activating") || state.equals("reloading");
    }
}
