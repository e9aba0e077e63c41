package dev.aistorctl.playbooks;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.LockHolder;
import dev.aistorctl.playbooks.lock.RunMarkedConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a playbook over hosts. Hosts go in rolling batches ({@link Serial}), each batch in parallel (at most
 * {@link RunOptions#parallel()} at once); a host's steps run in order and the first failure skips the rest
 * of that host's steps. One host's failure never stops another host; only {@code maxFailPercentage} stops
 * the run from starting more hosts, which are then reported as skipped.
 *
 * <p>On each host the runner first takes the {@link HostLock} and holds it until the host is done, unless it was
 * handed the {@link HeldLocks} of a command made of several runs: then it uses the lock the command holds on the
 * host (taking it if the command does not hold it yet) and leaves it held, and the run's remote commands carry the
 * command's run id, the lock's. Every step goes check → plan → apply → verify. A run has two stages, and the journal says which ran
 * ({@code stage} event, {@code dry_run}):
 *
 * <ul>
 *   <li>{@link #plan}: check and plan every step, apply nothing. Its result is a dry run, and
 *       {@link RunResult#plan()} the {@link RunPlan} a person reviews.</li>
 *   <li>{@link #apply}: given a reviewed plan and a {@link GoAhead.Verdict} for it, plan every step again
 *       under the host lock and refuse the host, untouched, when anything differs from the reviewed plan;
 *       otherwise apply. The one place where "apply exactly what was reviewed" is enforced.</li>
 * </ul>
 *
 * <p>{@link #run} is both in one call for callers with no review between them: plan each step, apply it.
 *
 * <p>An {@link Interruption} (Ctrl-C) stops the run from starting hosts and steps; the running steps finish,
 * unless it is forced, when each host's lock is let go at once (which stops the run's processes there) and
 * nothing more runs on the host. The result and the journal say where each host was cut.
 */
public final class Runner {
    /** Opens the connection to one host. */
    @FunctionalInterface
    public interface Connect {
        Connector open(InventoryHost host);
    }

    private final String runId;
    private final Inventory inventory;
    private final Connect connect;
    private final HostLock lock;
    private final HeldLocks heldLocks;
    private final Function<Connector, HostFacts> facts;
    private final Journal journal;
    private final Redactor redactor;
    private final RunListener listener;
    private final Clock clock;
    private final Interruption interruption;
    /** The step each host is in, for the journal's record of what an interruption met. */
    private final Map<String, PlaybookStep> running = new ConcurrentHashMap<>();
    /** Where an interruption cut each host, in the order it happened. */
    private final List<RunResult.Cut> cuts = new CopyOnWriteArrayList<>();

    private Runner(Builder b) {
        this.runId = Objects.requireNonNull(b.runId, "runId");
        this.inventory = b.inventory;
        this.connect = Objects.requireNonNull(b.connect, "connect");
        this.lock = b.lock;
        this.heldLocks = b.heldLocks;
        this.facts = b.facts;
        this.journal = Objects.requireNonNull(b.journal, "journal");
        this.redactor = b.redactor;
        this.listener = b.listener;
        this.clock = b.clock;
        this.interruption = Objects.requireNonNull(b.interruption, "interruption");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String runId() {
        return runId;
    }

    /**
     * Runs {@code playbook} on {@code hosts} (already limited): with {@link RunOptions#dryRun()} the plan stage
     * only, otherwise each step planned and applied in turn. Never throws for a host's failure.
     */
    public RunResult run(Playbook playbook, List<InventoryHost> hosts, RunOptions options) {
        journal.stage(options.dryRun() ? Journal.Stage.PLAN : Journal.Stage.PLAN_AND_APPLY, null);
        return runHosts(playbook, hosts, options, (context, out) -> runSteps(context, out, playbook, options));
    }

    /** The plan stage: check and plan every step on every host, under the host lock, and change nothing. */
    public RunResult plan(Playbook playbook, List<InventoryHost> hosts, RunOptions options) {
        return run(playbook, hosts, options.withDryRun(true));
    }

    /**
     * Applies {@code reviewed} on {@code hosts}: each host is planned again under its lock, and a host whose
     * plan differs from the reviewed one in anything (a step's outcome, a change, a key) is refused before
     * any of its steps applies, with the difference named and journaled ({@code review} event); the other
     * hosts go on. Destructive changes apply because {@code goAhead} approved the reviewed plan, which they
     * are part of; {@link RunOptions#allowDestructive()} and {@link RunOptions#dryRun()} are not consulted.
     *
     * @throws UsageException when {@code goAhead} does not approve this plan, or the plan is of another playbook
     */
    public RunResult apply(Playbook playbook, List<InventoryHost> hosts, RunPlan reviewed, GoAhead.Verdict goAhead,
                           RunOptions options) {
        if (!goAhead.approves(reviewed)) {
            throw new UsageException(goAhead.decision() != GoAhead.Decision.APPLY && goAhead.text() != null
                    ? goAhead.text() : "the go-ahead was given for another plan than run " + reviewed.runId()
                    + "'s; nothing was changed");
        }
        ReviewedPlan review = ReviewedPlan.of(playbook, reviewed);
        journal.stage(Journal.Stage.APPLY, reviewed.runId());
        return runHosts(playbook, hosts, options.withDryRun(false), (context, out) -> review.applyOn(this, context, out));
    }

    private RunResult runHosts(Playbook playbook, List<InventoryHost> hosts, RunOptions options, HostSteps body) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        LockHolder holder = LockHolder.thisProcess(runId, started);
        RunShared shared = RunShared.of(hosts.stream().map(InventoryHost::name).toList());
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> stopped = new AtomicReference<>();
        int total = hosts.size();
        List<HostResult> results = new ArrayList<>();
        cuts.clear();
        try (Interruption.Registration heard = interruption.listen((signal, degree) -> journal.interrupt(signal, degree, running))) {
            for (List<InventoryHost> batch : options.serial().batches(hosts)) {
                int parallel = Math.min(options.parallel(), batch.size());
                int failedBefore = failed.get();
                List<HostOutcome<HostResult>> outcomes = Fanout.run(batch, InventoryHost::name, parallel, h -> {
                    // The hosts that start with the batch see the failures of earlier batches; a host that waited
                    // for a free slot also sees this batch's, so a batch stops starting hosts once past the limit.
                    int seen = batch.indexOf(h) < parallel ? failedBefore : failed.get();
                    if (interruption.requested()) {
                        cuts.add(new RunResult.Cut(h.name(), null, null, RunResult.Cut.NOT_STARTED));
                        shared.hostFinished(h.name());
                        return notStarted(h, playbook, interruptedReason());
                    }
                    if (tooManyFailed(seen, total, options)) {
                        stopped.compareAndSet(null, stopReason(seen, total, options));
                        // A host never started is done for the run's other hosts too (no one waits for its step).
                        shared.hostFinished(h.name());
                        return notStarted(h, playbook, stopped.get());
                    }
                    HostResult r = runHost(h, playbook, holder, shared, body);
                    if (r.failed()) {
                        failed.incrementAndGet();
                    }
                    return r;
                }, dev.aistorctl.core.FanoutListener.NONE);
                for (HostOutcome<HostResult> o : outcomes) {
                    // runHost catches everything; an outcome failure here would be a bug in the runner itself.
                    results.add(o.ok() ? o.value() : new HostResult(o.host(), List.of(), o.error(), o.duration()));
                }
            }
        }
        RunResult.Interrupted interrupted = interruption.requested()
                ? new RunResult.Interrupted(interruption.signal(), interruption.forced(), List.copyOf(cuts)) : null;
        return new RunResult(runId, playbook.name(), options.dryRun(), started,
                Duration.ofNanos(System.nanoTime() - t0), results, stopped.get(), interrupted);
    }

    private String interruptedReason() {
        return "not started: the run was interrupted (" + interruption.signal() + ")";
    }

    /**
     * Null while the run goes on; once it is interrupted, {@code s} not started, recorded as where the host was
     * cut: the host's error names the step, and {@link #interruptedSkip} skips the rest.
     */
    String interruptedBefore(String host, PlaybookStep s) {
        if (!interruption.requested()) {
            return null;
        }
        cuts.add(new RunResult.Cut(host, s.index(), s.name(), RunResult.Cut.NOT_STARTED));
        return host + ": interrupted (" + interruption.signal() + ") before step " + s.index() + " '" + s.name()
                + "'; run again to finish";
    }

    /** A later step of a host cut by {@link #interruptedBefore}. */
    StepResult interruptedSkip(PlaybookStep s) {
        return StepResult.skipped(s, interruptedReason());
    }

    /** A step that failed while a forced interrupt let go of its host: said so, and recorded as cut there. */
    StepResult cutIfForced(String host, StepResult r) {
        if (r.status() != StepStatus.FAILED || !interruption.forced()) {
            return r;
        }
        cuts.add(new RunResult.Cut(host, r.index(), r.name(), RunResult.Cut.STOPPED));
        String error = r.error() + " (stopped by a second " + interruption.signal()
                + ": the host lock was let go, which stops the run's processes on the host)";
        return new StepResult(r.index(), r.name(), r.type(), r.status(), r.plan(), r.reason(), redactor.redact(error), r.duration());
    }

    private static boolean tooManyFailed(int failed, int total, RunOptions options) {
        return total > 0 && failed * 100L > (long) options.maxFailPercentage() * total;
    }

    private static String stopReason(int failed, int total, RunOptions options) {
        return "not started: " + failed + " of " + total + " hosts had failed, more than the "
                + options.maxFailPercentage() + "% --max-fail-percentage allows";
    }

    private HostResult notStarted(InventoryHost h, Playbook playbook, String reason) {
        List<StepResult> steps = playbook.steps().stream().map(s -> StepResult.skipped(s, reason)).toList();
        HostResult r = new HostResult(h.name(), steps, null, Duration.ZERO);
        journal.hostFinished(r);
        listener.hostFinished(r);
        return r;
    }

    /** A host's steps, run in its context under its lock; fills {@code steps} and returns the host's error, or null. */
    @FunctionalInterface
    private interface HostSteps {
        String run(HostContext context, List<StepResult> steps);
    }

    private HostResult runHost(InventoryHost h, Playbook playbook, LockHolder holder, RunShared shared, HostSteps body) {
        long t0 = System.nanoTime();
        String name = h.name();
        journal.hostStarted(name);
        listener.hostStarted(name);
        shared.hostStarted(name);
        List<StepResult> steps = new ArrayList<>();
        String error = null;
        Connector connector = null;
        HostLock.Held held = null;
        HostContext context = null;
        Interruption.Registration letGo = null;
        try {
            connector = connect.open(h);
            if (heldLocks != null) {
                HeldLocks.Hold hold = heldLocks.hold(connector);
                journal.lockHeld(name, heldLocks.lock().path(), heldLocks.runId(), hold.how().word(), hold.broken().orElse(null));
                letGo = interruption.onForce(hold.held()::close);
                connector = new RunMarkedConnector(connector, heldLocks.runId(), interruption::forced);
            } else if (lock != null) {
                held = lock.acquire(connector, holder);
                journal.lockTaken(name, lock.path(), held.broken().orElse(null));
                HostLock.Held lockToLetGo = held;
                letGo = interruption.onForce(lockToLetGo::close);
                connector = new RunMarkedConnector(connector, runId, interruption::forced);
            }
            context = new HostContext(h, inventory, runId, connector, facts, redactor, journal, shared, listener);
            error = body.run(context, steps);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = message(name, e);
            for (PlaybookStep s : playbook.steps().subList(steps.size(), playbook.steps().size())) {
                steps.add(record(name, StepResult.skipped(s, "the host failed before this step")));
            }
        } finally {
            if (context != null) {
                beforeLettingGo(context);
            }
            if (letGo != null) {
                letGo.close();
            }
            if (held != null) {
                held.close();
            }
            if (connector != null) {
                try {
                    connector.close();
                } catch (RuntimeException e) {
                    // The host's work is done; a connection that does not close cleanly changes nothing.
                }
            }
        }
        shared.hostFinished(name);
        HostResult result = new HostResult(name, steps, error == null ? null : redactor.redact(error),
                Duration.ofNanos(System.nanoTime() - t0));
        journal.hostFinished(result);
        listener.hostFinished(result);
        return result;
    }

    /** What the host's steps left for the end of its run; a failing one is journaled and changes no outcome. */
    private void beforeLettingGo(HostContext context) {
        for (Runnable action : context.takeBeforeLettingGo()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                context.note("at the end of the host's run: " + withoutHost(context.host(), e));
            }
        }
    }

    /** Every step in order, each planned and (unless a dry run) applied; the first failure skips the rest. */
    private String runSteps(HostContext context, List<StepResult> steps, Playbook playbook, RunOptions options) {
        String error = null;
        boolean cut = false;
        if (!interruption.requested()) {
            context.readAhead(playbook.steps());
        }
        for (PlaybookStep s : playbook.steps()) {
            if (error != null) {
                steps.add(record(context.host(), cut ? interruptedSkip(s) : StepResult.skipped(s, "an earlier step failed")));
                continue;
            }
            error = interruptedBefore(context.host(), s);
            if (error != null) {
                cut = true;
                steps.add(record(context.host(), interruptedSkip(s)));
                continue;
            }
            StepResult r = record(context.host(), cutIfForced(context.host(), runStep(context, s, options)));
            steps.add(r);
            if (r.status() == StepStatus.FAILED) {
                error = r.error();
            } else if (r.status() == StepStatus.CHANGED && !options.dryRun()) {
                readAheadAfterChange(context, playbook, s);
            }
        }
        return error;
    }

    /** The host changed under step {@code changed}: the steps after it plan from reads made now. */
    void readAheadAfterChange(HostContext context, Playbook playbook, PlaybookStep changed) {
        List<PlaybookStep> all = playbook.steps();
        int next = all.indexOf(changed) + 1;
        if (next < all.size() && !interruption.requested()) {
            context.readAhead(all.subList(next, all.size()));
        }
    }

    private StepResult record(String host, StepResult r) {
        journal.stepFinished(host, r);
        listener.stepFinished(host, r);
        return r;
    }

    /** A step of a {@link #run}: planned, then (unless a dry run) applied with the plan just made. */
    private StepResult runStep(HostContext context, PlaybookStep s, RunOptions options) {
        Planned p = planStep(context, s);
        if (p.decided() != null) {
            return p.decided();
        }
        if (options.dryRun()) {
            return result(s, StepStatus.CHANGED, p.plan(), "dry run: would make " + plural(p.plan().changes().size(), "change"),
                    null, p.t0());
        }
        if (p.plan().destructive() && !options.allowDestructive()) {
            return result(s, StepStatus.FAILED, p.plan(), null, stepError(context.host(), s, "plans destructive changes ("
                    + p.plan().changes().stream().filter(Change::destructive).map(Change::what).collect(Collectors.joining("; "))
                    + "); review them with --dry-run, then run again with --allow-destructive"), p.t0());
        }
        return applyPlanned(context, s, p);
    }

    /**
     * What planning one step gave: {@code decided} when the step is finished without applying anything (not
     * applicable, blocked, nothing to do, or planning failed), else the non-empty {@code plan} to apply.
     */
    record Planned(PlaybookStep step, StepPlan plan, StepResult decided, long t0) {
        /** The step as the plan stage records it, for comparing with a reviewed plan. */
        PlannedStep asPlannedStep() {
            return decided != null ? PlannedStep.of(decided)
                    : new PlannedStep(step.index(), step.name(), step.step().type(), StepStatus.CHANGED, plan, null, null);
        }
    }

    /** Check and plan one step, journaled; never applies, never throws. */
    Planned planStep(HostContext context, PlaybookStep s) {
        long t0 = System.nanoTime();
        String host = context.host();
        Step step = s.step();
        context.enterStep(s.index());
        context.planning(true);
        running.put(host, s);
        listener.stepStarted(host, s, false);
        StepPlan plan = null;
        try {
            StepCheck check = step.check(context);
            if (check.status() == StepCheck.Status.NOT_APPLICABLE) {
                return new Planned(s, null, result(s, StepStatus.OK, null, "not applicable: " + check.reason(), null, t0), t0);
            }
            if (check.status() == StepCheck.Status.BLOCKED) {
                return new Planned(s, null, result(s, StepStatus.FAILED, null, null,
                        stepError(host, s, "cannot run: " + check.reason()), t0), t0);
            }
            plan = step.plan(context);
            journal.planned(host, s, plan);
            listener.stepPlanned(host, s, plan);
            if (plan.isEmpty()) {
                return new Planned(s, plan, result(s, StepStatus.OK, plan, plan.nothingToDoBecause(), null, t0), t0);
            }
            return new Planned(s, plan, null, t0);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Planned(s, plan, result(s, StepStatus.FAILED, plan, null, stepError(host, s, withoutHost(host, e)), t0), t0);
        } finally {
            context.planning(false);
            context.enterStep(null);
            running.remove(host);
        }
    }

    /** Apply a step's non-empty plan and verify that the host converged. */
    StepResult applyPlanned(HostContext context, PlaybookStep s, Planned p) {
        String host = context.host();
        Step step = s.step();
        StepPlan plan = p.plan();
        context.enterStep(s.index());
        running.put(host, s);
        listener.stepStarted(host, s, true);
        // Apply and verify read the host as it is, never what was read ahead for the plan.
        context.forgetReadAhead();
        try {
            step.apply(context, plan);
            context.forgetFacts();
            StepPlan after = step.verify(context);
            if (!after.isEmpty()) {
                String still = after.changes().stream()
                        .map(c -> c.what() + " is " + c.before() + ", wanted " + c.after())
                        .collect(Collectors.joining("; "));
                return result(s, StepStatus.FAILED, plan, null, stepError(host, s, "did not converge: still "
                        + plural(after.changes().size(), "change") + " after apply: " + still), p.t0());
            }
            List<String> said = context.outcomes();
            return result(s, StepStatus.CHANGED, plan, "applied " + plural(plan.changes().size(), "change")
                    + (said.isEmpty() ? "" : "; " + String.join("; ", said)), null, p.t0());
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return result(s, StepStatus.FAILED, plan, null, stepError(host, s, withoutHost(host, e)), p.t0());
        } finally {
            context.enterStep(null);
            running.remove(host);
        }
    }

    /** Journals and reports a finished step. */
    StepResult finished(String host, StepResult r) {
        return record(host, r);
    }

    Journal journal() {
        return journal;
    }

    StepResult result(PlaybookStep s, StepStatus status, StepPlan plan, String reason, String error, long t0) {
        return new StepResult(s.index(), s.name(), s.step().type(), status, plan,
                redactor.redact(reason), redactor.redact(error), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** "node02: step 2 'network buffers' (sysctl): set net.core.somaxconn: exit 1: ..." */
    static String stepError(String host, PlaybookStep s, String cause) {
        String label = s.name().equals(s.step().type()) ? "" : " (" + s.step().type() + ")";
        return host + ": step " + s.index() + " '" + s.name() + "'" + label + ": " + cause;
    }

    private static String withoutHost(String host, Throwable e) {
        String m = e instanceof AistorException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return m.startsWith(host + ": ") ? m.substring(host.length() + 2) : m;
    }

    private static String message(String host, Throwable e) {
        return host + ": " + withoutHost(host, e);
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    public static final class Builder {
        private String runId;
        private Inventory inventory;
        private Connect connect;
        private HostLock lock = new HostLock();
        private HeldLocks heldLocks;
        private Function<Connector, HostFacts> facts = c -> FactsAssembler.from(Gatherer.gather(c));
        private Journal journal;
        private Redactor redactor = new Redactor();
        private RunListener listener = RunListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Interruption interruption = Interruption.process();

        public Builder runId(String v) { runId = v; return this; }
        public Builder inventory(Inventory v) { inventory = v; return this; }
        public Builder connect(Connect v) { connect = v; return this; }
        /** The host lock; null runs without one (only for connectors that cannot keep a command running). */
        public Builder lock(HostLock v) { lock = v; return this; }
        /**
         * The locks of the command this run is part of, held across its runs on kept connections: used instead of
         * taking {@link #lock} per run; null (the default) takes the lock for this run alone.
         */
        public Builder heldLocks(HeldLocks v) { heldLocks = v; return this; }
        public Builder facts(Function<Connector, HostFacts> v) { facts = v; return this; }
        public Builder journal(Journal v) { journal = v; return this; }
        public Builder redactor(Redactor v) { redactor = v; return this; }
        public Builder listener(RunListener v) { listener = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        /** What stops the run early; by default the process's own (Ctrl-C). */
        public Builder interruption(Interruption v) { interruption = v; return this; }

        public Runner build() {
            return new Runner(this);
        }
    }
}
