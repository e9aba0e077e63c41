package dev.aistorctl.playbooks.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The record of one run: {@code <runs dir>/<run id>/journal.jsonl}, one JSON object a line, written and
 * flushed as things happen, so a run that dies midway still leaves what it did. Every event passes through
 * the run's {@link Redactor} before it is written.
 *
 * <p>Events: {@code run_start}, {@code stage}, {@code host_start}, {@code lock}, {@code plan}, {@code review},
 * {@code command}, {@code batched_read}, {@code put}, {@code note}, {@code step_result}, {@code host_end}, {@code interrupt}, {@code run_end}; each has
 * {@code ts} and {@code event}, and per-host events have {@code host} (and {@code step}, the 1-based index,
 * where one is running). {@code stage} is written by the runner, so whether a run was a plan only
 * ({@code dry_run}) is the engine's record, not its caller's.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    /** Arguments longer than this (scripts) are shortened; the journal is for reading, not replaying. */
    static final int MAX_ARG = 400;

    private final Path file;
    private final Writer out;
    private final Redactor redactor;
    private final String runId;
    private final Clock clock;

    private Journal(Path file, Writer out, Redactor redactor, String runId, Clock clock) {
        this.file = file;
        this.out = out;
        this.redactor = redactor;
        this.runId = runId;
        this.clock = clock;
    }

    /** Creates {@code runsDir/runId/journal.jsonl}; refuses to overwrite an existing run. */
    public static Journal create(Path runsDir, String runId, Redactor redactor) {
        return create(runsDir, runId, redactor, Clock.systemUTC());
    }

    public static Journal create(Path runsDir, String runId, Redactor redactor, Clock clock) {
        Path dir = runsDir.resolve(runId);
        try {
            // A journal names hosts, users, commands and their output: the engineer's alone to read, like ~/.ssh.
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
            Path file = dir.resolve(FILE);
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, posix ? StandardOpenOption.WRITE : StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new Journal(file, w, redactor, runId, clock);
        } catch (IOException e) {
            throw new AistorException(ExitCode.USAGE, "cannot write the run journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public void runStarted(Playbook playbook, String inventory, List<String> hosts, Map<String, String> args) {
        ObjectNode e = event("run_start");
        e.put("run_id", runId);
        e.put("playbook", playbook.name());
        e.put("playbook_source", playbook.source());
        e.put("inventory", inventory);
        ArrayNode h = e.putArray("hosts");
        hosts.forEach(h::add);
        ObjectNode a = e.putObject("args");
        args.forEach(a::put);
        ArrayNode steps = e.putArray("steps");
        for (PlaybookStep s : playbook.steps()) {
            steps.addObject().put("index", s.index()).put("name", s.name()).put("type", s.step().type());
        }
        e.put("controller_user", System.getProperty("user.name", "unknown"));
        e.put("controller_pid", ProcessHandle.current().pid());
        write(e);
    }

    /** Which stages of a run the runner runs: the plan only (a dry run), or apply too. */
    public enum Stage {
        PLAN("plan", true), PLAN_AND_APPLY("plan_and_apply", false), APPLY("apply", false);

        private final String label;
        private final boolean dryRun;

        Stage(String label, boolean dryRun) {
            this.label = label;
            this.dryRun = dryRun;
        }

        public String label() {
            return label;
        }

        public boolean dryRun() {
            return dryRun;
        }
    }

    /** The runner starts a stage; {@code reviewedRun} is the run whose plan an apply is held to, or null. */
    public void stage(Stage stage, String reviewedRun) {
        ObjectNode e = event("stage");
        e.put("stage", stage.label());
        e.put("dry_run", stage.dryRun());
        if (reviewedRun != null) {
            e.put("reviewed_run", reviewedRun);
        }
        write(e);
    }

    /**
     * A host held to a reviewed plan: {@code matches} when planning it again gave the same plan, else every
     * difference (for {@code step}, the first step that differs).
     */
    public void review(String host, Integer step, String reviewedRun, List<String> differences) {
        ObjectNode e = hostEvent("review", host, step);
        e.put("reviewed_run", reviewedRun);
        e.put("matches", differences.isEmpty());
        ArrayNode d = e.putArray("differences");
        differences.forEach(d::add);
        write(e);
    }

    public void hostStarted(String host) {
        write(hostEvent("host_start", host, null));
    }

    /** The host lock was taken; {@code broken} names the stale holder it was taken over from, or is null. */
    public void lockTaken(String host, String path, dev.aistorctl.playbooks.lock.LockHolder broken) {
        ObjectNode e = hostEvent("lock", host, null);
        e.put("path", path);
        if (broken != null) {
            e.put("broke", broken.describe());
        }
        write(e);
    }

    /**
     * A run inside a command that holds the host's lock across its runs: {@code lockRun} names the command's run id
     * (the holder file's and the marker's), {@code how} whether the lock was taken, already held, or taken again.
     */
    public void lockHeld(String host, String path, String lockRun, String how, dev.aistorctl.playbooks.lock.LockHolder broken) {
        ObjectNode e = hostEvent("lock", host, null);
        e.put("path", path);
        e.put("lock_run", lockRun);
        e.put("held", how);
        if (broken != null) {
            e.put("broke", broken.describe());
        }
        write(e);
    }

    public void planned(String host, PlaybookStep step, StepPlan plan) {
        ObjectNode e = hostEvent("plan", host, step.index());
        e.put("name", step.name());
        if (plan.isEmpty()) {
            e.put("nothing_to_do_because", plan.nothingToDoBecause());
        }
        e.set("changes", RunJson.changes(plan));
        e.put("destructive", plan.destructive());
        if (!plan.warnings().isEmpty()) {
            ArrayNode warnings = e.putArray("warnings");
            plan.warnings().forEach(warnings::add);
        }
        write(e);
    }

    /** A remote command and how it ended: an exit code, or {@code error} when it could not run at all. */
    public void command(String host, Integer step, Command command, Integer exitCode, Duration duration, String error) {
        ObjectNode e = hostEvent("command", host, step);
        commandFields(e, command);
        if (exitCode != null) {
            e.put("exit", exitCode);
        }
        e.put("duration_ms", duration.toMillis());
        if (error != null) {
            e.put("error", error);
        }
        write(e);
    }

    /**
     * A step's read-only command answered from the host's batch of reads: the {@code command} without a step
     * before the host's plan, whose script ran every read its steps declared. The command did not run again.
     */
    public void batchedRead(String host, Integer step, Command command, int exitCode) {
        ObjectNode e = hostEvent("batched_read", host, step);
        commandFields(e, command);
        e.put("exit", exitCode);
        write(e);
    }

    private void commandFields(ObjectNode e, Command command) {
        ArrayNode argv = e.putArray("argv");
        for (String arg : command.argv()) {
            argv.add(shorten(redactor.redact(arg)));
        }
        if (!command.env().isEmpty()) {
            ObjectNode env = e.putObject("env");
            command.env().forEach((k, v) -> env.put(k, shorten(redactor.redact(v))));
        }
        e.put("root", command.privileged());
    }

    public void put(String host, Integer step, String path, int mode, long bytes, Duration duration, String error) {
        ObjectNode e = hostEvent("put", host, step);
        e.put("path", path);
        e.put("mode", String.format("%04o", mode));
        e.put("bytes", bytes);
        e.put("duration_ms", duration.toMillis());
        if (error != null) {
            e.put("error", error);
        }
        write(e);
    }

    public void note(String host, Integer step, String message) {
        ObjectNode e = hostEvent("note", host, step);
        e.put("message", message);
        write(e);
    }

    public void stepFinished(String host, StepResult result) {
        ObjectNode e = hostEvent("step_result", host, result.index());
        e.setAll(RunJson.step(result));
        write(e);
    }

    public void hostFinished(HostResult result) {
        ObjectNode e = hostEvent("host_end", result.host(), null);
        ObjectNode h = RunJson.host(result);
        h.remove("steps");
        h.remove("host");
        e.setAll(h);
        write(e);
    }

    /**
     * Ctrl-C (or SIGTERM) reached the run: {@code degree} {@code stop} (no step starts any more, the running ones
     * finish) or {@code force} (the running ones are stopped too), and the step each host was in at that moment.
     */
    public void interrupt(String signal, dev.aistorctl.playbooks.Interruption.Degree degree, Map<String, PlaybookStep> running) {
        ObjectNode e = event("interrupt");
        e.put("signal", signal);
        e.put("degree", degree.name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode r = e.putArray("running");
        new java.util.TreeMap<>(running).forEach((host, step) -> r.addObject().put("host", host).put("step", step.index()).put("name", step.name()));
        write(e);
    }

    public void runFinished(RunResult result) {
        ObjectNode e = event("run_end");
        // "interrupted": the run was cut by Ctrl-C; result.interrupted says where each host was cut
        e.put("outcome", result.interrupted() != null ? "interrupted" : result.ok() ? "ok" : "failed");
        e.set("result", RunJson.result(result));
        write(e);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // Every event was flushed when written.
        }
    }

    private ObjectNode event(String name) {
        ObjectNode e = RunJson.MAPPER.createObjectNode();
        e.put("ts", clock.instant().toString());
        e.put("event", name);
        return e;
    }

    private ObjectNode hostEvent(String name, String host, Integer step) {
        ObjectNode e = event(name);
        e.put("host", host);
        if (step != null) {
            e.put("step", step);
        }
        return e;
    }

    private synchronized void write(ObjectNode e) {
        try {
            out.write(RunJson.MAPPER.writeValueAsString(redactor.redact(e)));
            out.write('\n');
            out.flush();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("journal event not serialisable", ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the run journal " + file, ex);
        }
    }

    static String shorten(String arg) {
        if (arg.length() <= MAX_ARG) {
            return arg;
        }
        return arg.substring(0, MAX_ARG) + "... (" + arg.length() + " characters)";
    }
}
