package dev.aistorctl.workflows.drives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.playbooks.journal.PlanJson;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.workflows.remote.Connections;
import dev.aistorctl.workflows.remote.KeptConnections;
import dev.aistorctl.workflows.run.PlaybookRun;

/**
 * {@code drives prepare}: the drives playbook planned, shown where a go-ahead is needed, and applied exactly
 * as planned (or as a plan reviewed earlier and saved with {@code --dry-run -o json}). Formatting needs
 * {@code --wipe-drives} or the cluster's name typed in answer to a question that names the formats.
 */
public final class DrivesPrepare {

    /**
     * @param reviewed the plan a person reviewed earlier ({@code --plan FILE}); empty to plan now
     * @param breakLock the run whose stale host lock may be taken over, or null
     * @param args     what the run's journal records of the command line
     */
    public record Request(Inventory inventory, List<InventoryHost> hosts, Set<String> wipeForeign, boolean dryRun,
                          boolean wipeDrives, Optional<RunPlan> reviewed, int parallel, boolean acceptNewHostKeys,
                          String breakLock, Map<String, String> args) {
    }

    public enum Outcome { OK, FAILED, REFUSED }

    /** @param applied the apply stage's run; empty after a dry run or a refusal */
    public record Result(Outcome outcome, Optional<RunResult> planned, Optional<RunResult> applied) {
    }

    private final Request request;
    private final Output output;
    private final PlaybookRun runs;
    private final Playbook book;
    private final RunOptions options;

    public DrivesPrepare(Request request, Output output) {
        this.request = request;
        this.output = output;
        this.runs = new PlaybookRun(request.inventory(), request.hosts(), request.acceptNewHostKeys())
                .breakingLock(request.breakLock());
        this.book = DrivesPlaybook.of(request.wipeForeign());
        this.options = new RunOptions(false, request.parallel(), Serial.ALL, 100, false);
    }

    /**
     * Plan and apply share one login and one host lock per host, kept for the whole command: nothing changes a host
     * between the plan shown and its apply. The lock's holder is the plan's run id.
     */
    public Result run() {
        try (KeptConnections kept = new KeptConnections(new Connections(request.inventory(), request.hosts(),
                request.acceptNewHostKeys()));
             HeldLocks locks = runs.holdLocks(kept)) {
            return planAndApply();
        }
    }

    private Result planAndApply() {
        RunResult planned = null;
        RunPlan plan;
        if (request.reviewed().isPresent()) {
            plan = request.reviewed().get();
        } else {
            planned = stage(runs.plan(book, options, request.args(), "playbook " + book.name(), runs.progress(output, book), output));
            if (request.dryRun()) {
                show(planned, true);
                return new Result(planned.ok() ? Outcome.OK : Outcome.FAILED, Optional.of(planned), Optional.empty());
            }
            plan = RunPlan.of(planned);
            if (plan.failedHosts().size() == plan.hosts().size()) {
                show(planned, false);
                return new Result(Outcome.FAILED, Optional.of(planned), Optional.empty());
            }
            // A host whose planning failed is refused by the apply, with its reason; the others go on.
        }
        String cluster = request.inventory().cluster().name();
        GoAhead given = new GoAhead(false, request.wipeDrives(), "--wipe-drives", GoAhead.Typed.NOT_ASKED);
        GoAhead.Verdict verdict = given.decide(plan, cluster, GoAhead.Asks.DESTRUCTIVE_CHANGES);
        if (verdict.decision() == GoAhead.Decision.ASK) {
            if (planned != null) {
                show(planned, false);
            }
            verdict = given.withTyped(GoAhead.Typed.of(output.confirmClusterName(cluster, verdict.text())))
                    .decide(plan, cluster, GoAhead.Asks.DESTRUCTIVE_CHANGES);
        }
        if (verdict.decision() != GoAhead.Decision.APPLY) {
            output.error(verdict.text());
            return new Result(Outcome.REFUSED, Optional.ofNullable(planned), Optional.empty());
        }
        RunResult applied = stage(runs.apply(book, plan, verdict, options, request.args(), "playbook " + book.name(),
                runs.progress(output, book), output));
        show(applied, false);
        return new Result(applied.ok() ? Outcome.OK : Outcome.FAILED, Optional.ofNullable(planned), Optional.of(applied));
    }

    private RunResult stage(RunResult result) {
        if (!output.json()) {
            output.progress("journal: " + runs.journalOf(result.runId()));
        }
        return result;
    }

    /** A run as the operator reads it; a plan's JSON also carries the plan itself, to be applied later with --plan. */
    private void show(RunResult result, boolean plan) {
        if (output.json() && plan) {
            ObjectNode json = (ObjectNode) runs.json(result);
            json.set("plan", PlanJson.write(RunPlan.of(result)));
            output.printJson(json);
        } else {
            runs.show(result, output);
        }
    }

    /** The plan saved from {@code drives prepare --dry-run -o json}; every host of this run must be in it. */
    public static RunPlan reviewedPlan(Path file, List<InventoryHost> hosts) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("--plan " + file + ": cannot read it as JSON: " + e.getMessage());
        }
        if (root == null || !root.path("plan").isObject() || !"drives".equals(root.path("playbook").asText())) {
            throw new UsageException("--plan " + file + ": not the JSON of 'aistorctl drives prepare --dry-run -o json'");
        }
        RunPlan plan = PlanJson.read(root.path("plan"));
        for (InventoryHost h : hosts) {
            if (plan.host(h.name()).isEmpty()) {
                throw new UsageException("--plan " + file + " has no plan for " + h.name() + "; plan it, or leave it out with --limit");
            }
        }
        return plan;
    }
}
