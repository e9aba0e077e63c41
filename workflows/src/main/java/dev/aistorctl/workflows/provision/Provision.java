package dev.aistorctl.workflows.provision;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.LockHolder;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.node.ClusterStatus;
import dev.aistorctl.workflows.node.NodeCluster;
import dev.aistorctl.workflows.remote.Connections;
import dev.aistorctl.workflows.remote.KeptConnections;
import dev.aistorctl.workflows.run.PlaybookRun;
import dev.aistorctl.workflows.tune.TuneStage;

/**
 * One provision, from racked servers to a healthy, tuned cluster: facts → hardware verdicts → plan →
 * go-ahead → apply → proof (→ accept, when asked), every stage recorded in provision.json, which is written whatever happened.
 * One object per provision: {@link #run()} once.
 */
public final class Provision {
    private final Inventory inventory;
    private final List<InventoryHost> hosts;
    private final ProvisionRequest request;
    private final Output output;
    private final String runId;
    private final Redactor redactor;
    private final ProvisionDocument document;
    private final PlaybookRun runs;
    private final Instant started;

    private VerifyReport verify;
    private DrivesReport drives;
    private ProvisionPlan plan;
    private ProvisionResult.Applied applied;
    private ClusterStatus status;

    /** @param hosts the hosts to provision, all of the inventory's or those --limit selects; at least one */
    public Provision(Inventory inventory, List<InventoryHost> hosts, ProvisionRequest request, Output output) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts to provision");
        }
        // The inventory's tuning profile is read before any host is touched: a mistake in it fails here.
        TuningProfiles.resolve(TuneStage.profile(inventory, null));
        this.inventory = inventory;
        this.hosts = List.copyOf(hosts);
        this.request = request;
        this.output = output;
        this.started = Instant.now();
        this.runId = RunIds.next(started);
        this.redactor = PlaybookRun.redactorFor(inventory);
        this.document = new ProvisionDocument(runId, request.toolVersion(), started);
        this.runs = new PlaybookRun(inventory, this.hosts, request.node().acceptNewHostKeys(), redactor)
                .breakingLock(request.node().breakLock());
    }

    public String runId() {
        return runId;
    }

    /** Where provision.json is written, known before the run so that it can be found however the run ends. */
    public Path documentFile() {
        return runs.store().runsDir().resolve(runId).resolve(ProvisionDocument.FILE);
    }

    public ProvisionResult run() {
        output.progress("provision " + runId + ": cluster " + inventory.cluster().name() + ", " + hosts.size() + " host"
                + (hosts.size() == 1 ? "" : "s"));
        // What the document says when a stage throws: the exception goes on, the record is written.
        ProvisionOutcome outcome = ProvisionOutcome.FAILED;
        ProvisionContext context = null;
        Path file;
        // One login and one lock per host for the whole provision: the lock is taken by the fact gathering, before the
        // plans, and held through the go-ahead, every apply run, the pre-flight, the health wait and the proof, so nothing
        // can change a host between the plan shown and its apply. Its holder is this provision's run id.
        try (KeptConnections kept = new KeptConnections(new Connections(inventory, inventory.hosts(),
                request.node().acceptNewHostKeys()));
             HeldLocks locks = new HeldLocks(new HostLock().breaking(request.node().breakLock()),
                     LockHolder.thisProcess(runId, started), Interruption.process())) {
            context = new ProvisionContext(inventory, hosts, request, output, redactor, document,
                    runs.keeping(kept).holding(locks), kept, locks);
            outcome = stages(context);
            if (Interruption.process().requested() && outcome != ProvisionOutcome.INTERRUPTED) {
                // Cut before apply (a plan run stopped by Ctrl-C): whatever the stage made of it, the run was interrupted.
                context.interrupted(document.currentStage());
                outcome = ProvisionOutcome.INTERRUPTED;
            }
        } finally {
            // Written whatever happened, so that a failed install can be read and shipped like a good one.
            document.finish(outcome.word(), context == null ? List.of() : context.failedHosts, Instant.now());
            file = document.write(runs.store().runsDir().resolve(runId), redactor);
            if (output.json()) {
                output.printJson(document.redacted(redactor));
            }
            output.progress("provision " + runId + ": " + outcome.word() + "; " + file);
        }
        return new ProvisionResult(runId, outcome, List.copyOf(context.failedHosts), file, Optional.ofNullable(verify),
                Optional.ofNullable(drives), Optional.ofNullable(plan), Optional.ofNullable(applied), Optional.ofNullable(status));
    }

    private ProvisionOutcome stages(ProvisionContext c) {
        // Facts change nothing on the hosts: Ctrl-C cuts the gathering at once (its commands killed on the hosts), and the
        // run ends with its record, like one cut later.
        HardwareStage.Verdicts verdicts = Interruption.process().cutting(() -> HardwareStage.run(c));
        if (Interruption.process().requested()) {
            c.interrupted(c.document.currentStage());
            output.error("provision interrupted (" + Interruption.process().signal() + ") in " + c.interruptedIn
                    + ", before any host was changed");
            return ProvisionOutcome.INTERRUPTED;
        }
        verify = verdicts.verify();
        drives = verdicts.drives();
        if (verdicts.stop().isPresent()) {
            return verdicts.stop().get();
        }
        PlanStage.Planned planned = PlanStage.run(c, drives);
        plan = planned.plan();
        if (planned.stop().isPresent()) {
            return planned.stop().get();
        }
        GoAheadStage.Decided goAhead = GoAheadStage.decide(c, plan);
        if (goAhead.stop().isPresent()) {
            return goAhead.stop().get();
        }
        if (Interruption.process().requested()) {
            // Ctrl-C while a plan ran: nothing is applied from a plan the engineer stopped.
            c.interrupted("plan");
            return ProvisionOutcome.INTERRUPTED;
        }
        Optional<NodeCluster> cluster = c.wholeCluster()
                ? Optional.of(new NodeCluster(inventory, c.kept, c.locks, redactor)) : Optional.empty();
        applied = ApplyStage.run(c, planned, goAhead.verdict().orElseThrow(), cluster);
        Map<String, String> healthCells = new LinkedHashMap<>();
        // After Ctrl-C nothing was started that the proof could wait for: the summary says where the run was cut.
        if (cluster.isPresent() && !Interruption.process().requested()) {
            // The proof writes and removes an object on every node: Ctrl-C lets it finish (it is bounded) and clean
            // up, then the run ends interrupted, with its record, instead of the process ending mid-proof.
            try (Interruption.Registration heard = Interruption.process().listen((signal, degree) -> { })) {
                status = ProofStage.run(c, cluster.get(), healthCells);
                if (Interruption.process().requested()) {
                    c.interrupted("proof");
                }
            }
        }
        AcceptStage.Accepted accepted = new AcceptStage.Accepted(Map.of(), Optional.empty());
        if (request.accept() != null && !Interruption.process().requested()) {
            if (cluster.isPresent() && c.failedHosts.isEmpty()) {
                accepted = AcceptStage.run(c, cluster.get(), request.accept(), runs.store().runsDir().resolve(runId));
            } else {
                output.error("accept not run: " + (cluster.isEmpty() ? "it measures the whole cluster, not a --limit selection"
                        : "the cluster is not proven on every host"));
                c.document.section("accept", Map.of("skipped", cluster.isEmpty() ? "limit" : "not proven"));
            }
        }
        ProvisionOutcome outcome = summary(c, healthCells, accepted.cells());
        if (Interruption.process().requested()) {
            c.interrupted("apply");
            output.error("provision interrupted (" + Interruption.process().signal() + ") in " + c.interruptedIn
                    + ": run the same command again; it redoes only what is missing");
            return ProvisionOutcome.INTERRUPTED;
        }
        return outcome == ProvisionOutcome.OK ? accepted.stop().orElse(outcome) : outcome;
    }

    /** The table of what happened where, the run ids, and the verdict. */
    private ProvisionOutcome summary(ProvisionContext c, Map<String, String> healthCells, Map<String, String> acceptCells) {
        Map<String, String> nodeCells = new LinkedHashMap<>();
        for (RunResult r : applied.node()) {
            r.hosts().forEach(h -> nodeCells.merge(h.host(), ProvisionPlan.cell(r, h), (a, b) -> a.equals("ok") ? b : a));
        }
        c.report("\n" + ProvisionSummary.text(hosts, applied.drives(), applied.tune(), nodeCells, healthCells,
                acceptCells));
        List<String> ids = new ArrayList<>(List.of("drives " + applied.drives().runId(), "tune " + applied.tune().runId()));
        applied.node().forEach(r -> ids.add(r.playbook() + " " + r.runId()));
        applied.handOff().ifPresent(handOff -> {
            ids.add("drive owners " + handOff.runId());
            ApplyStage.failed(c, handOff);
        });
        output.progress("runs: " + String.join(", ", ids) + (plan.changes() == 0 ? " (plans only: nothing to change)" : ""));
        if (!c.failedHosts.isEmpty()) {
            output.error("provision failed on " + String.join(", ", c.failedHosts) + " (the table above says where)"
                    + (c.failedHosts.size() < hosts.size() ? "; the other hosts finished" : "") + ". Fix or bring back "
                    + "those hosts and run provision again: it redoes only what is missing and formats no drive it "
                    + "formatted before.");
        }
        return c.failedHosts.isEmpty() ? ProvisionOutcome.OK : ProvisionOutcome.FAILED;
    }
}
