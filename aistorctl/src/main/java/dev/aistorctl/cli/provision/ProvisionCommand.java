package dev.aistorctl.cli.provision;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.VersionProvider;
import dev.aistorctl.cli.drives.DrivesCommand;
import dev.aistorctl.cli.drives.DrivesPlaybook;
import dev.aistorctl.cli.hardware.FactsSourceOptions;
import dev.aistorctl.cli.hardware.VerifyHardwareCommand;
import dev.aistorctl.cli.inventory.InventoryJson;
import dev.aistorctl.cli.node.ClusterStatus;
import dev.aistorctl.cli.node.NodeCluster;
import dev.aistorctl.cli.node.NodeFlow;
import dev.aistorctl.cli.node.NodeOptions;
import dev.aistorctl.cli.remote.Connections;
import dev.aistorctl.cli.remote.FanoutOptions;
import dev.aistorctl.cli.remote.KeptConnections;
import dev.aistorctl.cli.remote.ProgressLines;
import dev.aistorctl.cli.run.PlaybookRun;
import dev.aistorctl.cli.tune.TuneStage;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.FactsCollection;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.facts.facts.GatherReport;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.HardwareCheck;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunListener;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.storagenode.health.ClusterHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "provision",
        description = "From racked servers to a healthy, tuned cluster in one command: verify the hardware, plan drives, "
                + "tuning and node on every host and show the plan, then (confirmed) prepare the drives, tune, install "
                + "and start the node, and prove every node with an S3 round trip. Writes provision.json into its run directory.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl provision -i inventory.yaml --dry-run",
            "  aistorctl provision -i inventory.yaml --yes --wipe-drives",
            "  aistorctl provision -i inventory.yaml --accept-finding nic.speed --yes",
            "",
            "Formatting drives always needs --wipe-drives. Other changes need --yes or, on a terminal, the cluster's",
            "name typed. Exit 0 ok, 1 a host failed, 2 refused (nothing was changed), 3 hardware check failed."
        })
public final class ProvisionCommand implements Callable<Integer> {
    private static final long PROBE_BYTES = 64L << 20;

    @Option(names = "--dry-run", description = "Verify and plan on every host, show the plan, change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Apply the plan without asking for the cluster's name.")
    boolean yes;

    @Option(names = "--wipe-drives",
            description = "Allow formatting the planned data drives: each planned format destroys whatever is on that drive.")
    boolean wipeDrives;

    @Option(names = "--accept-finding", paramLabel = "RULE", split = ",",
            description = "Go on although this hardware rule fails (e.g. nic.speed); recorded in provision.json. Repeatable.")
    List<String> acceptFinding = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N",
            description = "Work on at most N hosts at once (default: all hosts, up to " + Fanout.MAX_DEFAULT_PARALLEL + ").")
    Integer parallel;

    @Mixin
    NodeOptions node;

    @Spec
    CommandSpec spec;

    private Terminal terminal;
    private ProvisionDocument document;
    private Redactor redactor;
    private final Set<String> failedHosts = new TreeSet<>();

    @Override
    public Integer call() {
        terminal = Terminal.of(spec);
        GlobalOptions global = GlobalOptions.of(spec);
        Inventory inventory = global.loadInventory();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        if (hosts.isEmpty()) {
            throw new UsageException("no hosts to provision");
        }
        int parallelism = FanoutOptions.parallel(parallel, hosts.size());
        Instant started = Instant.now();
        String runId = RunIds.next(started);
        redactor = PlaybookRun.redactorFor(inventory);
        document = new ProvisionDocument(runId, VersionProvider.version(), started);
        PlaybookRun runs = new PlaybookRun(inventory, hosts, node.acceptNewHostKeys(), redactor);
        terminal.progress("provision " + runId + ": cluster " + inventory.cluster().name() + ", " + hosts.size() + " host"
                + (hosts.size() == 1 ? "" : "s"));
        String outcome;
        int code;
        try (KeptConnections kept = new KeptConnections(new Connections(inventory, inventory.hosts(), node.acceptNewHostKeys()))) {
            code = provision(inventory, hosts, runs.keeping(kept), kept, parallelism);
        } finally {
            // Written whatever happened, so that a failed install can be read and shipped like a good one.
            outcome = outcome();
            document.finish(outcome, failedHosts, Instant.now());
            Path file = document.write(runs.store().runsDir().resolve(runId), redactor);
            if (terminal.json()) {
                terminal.printJson(document.redacted(redactor));
            }
            terminal.progress("provision " + runId + ": " + outcome + "; " + file);
        }
        return code;
    }

    private String lastOutcome = "failed";

    private String outcome() {
        return lastOutcome;
    }

    private int end(String outcome, ExitCode code) {
        lastOutcome = outcome;
        return code.code();
    }

    private int provision(Inventory inventory, List<InventoryHost> hosts, PlaybookRun runs, KeptConnections kept,
                          int parallelism) {
        document.section("inventory", InventoryJson.show(inventory, hosts));

        // 1. Facts in one round trip per host; hardware, and the drives as they are before anything changes.
        List<FactsSourceOptions.HostBundle> bundles = new ArrayList<>();
        List<GatheredHost> gathered = new ArrayList<>();
        for (HostOutcome<CaptureBundle> o : FactsCollection.gatherBundles(hosts.stream().map(InventoryHost::name).toList(), kept::open, parallelism,
                Optional.empty(), new ProgressLines(terminal, "facts", hosts.size()))) {
            bundles.add(new FactsSourceOptions.HostBundle(o.host(), o.value(), o.ok() ? null : o.error()));
            gathered.add(o.ok() ? GatheredHost.of(o.host(), FactsAssembler.from(o.value())) : GatheredHost.unreachable(o.host(), o.error()));
        }
        document.section("facts", ProvisionDocument.parse(FactsJson.write(new GatherReport(gathered))));
        VerifyReport verify = HardwareCheck.verify(HardwareProfiles.load(VerifyHardwareCommand.profileOf(Optional.of(inventory))),
                gathered);
        document.section("verify", ProvisionDocument.parse(FactsJson.write(verify)));
        DrivesReport drives = DrivesCommand.report(new FactsSourceOptions.Bundles(bundles, Optional.of(inventory)));
        document.section("drives", drives);

        AcceptedFindings accepted = AcceptedFindings.of(verify, acceptFinding);
        document.acceptedFindings(accepted.accepted());
        accepted.notFailing().forEach(r -> terminal.hint("--accept-finding " + r + ": no host fails that rule"));
        List<String> unreachable = gathered.stream().filter(h -> !h.reachable()).map(GatheredHost::host).toList();
        if (!accepted.passes()) {
            if (!terminal.json()) {
                VerifyHardwareCommand.print(verify, terminal);
            }
            failedHosts.addAll(verify.summary().failedHosts());
            terminal.error("hardware check failed (" + String.join(", ", accepted.unaccepted()) + "); nothing was changed. "
                    + "Fix the hardware, or accept a rule knowingly with --accept-finding RULE");
            return end("hardware_failed", ExitCode.HARDWARE_CHECK_FAILED);
        }
        if (!unreachable.isEmpty()) {
            failedHosts.addAll(unreachable);
            gathered.stream().filter(h -> !h.reachable()).forEach(h -> terminal.error(h.host() + ": " + redactor.redact(h.error())));
            return end("failed", ExitCode.HOST_FAILED);
        }
        if (!accepted.accepted().isEmpty()) {
            terminal.progress("hardware: accepted failing rule" + (accepted.accepted().size() == 1 ? " " : "s ")
                    + String.join(", ", accepted.accepted()));
        } else {
            terminal.progress("hardware: every host passes profile " + verify.profile());
        }

        // 2. The plan: drives, tune and node, dry runs of exactly what apply will run.
        boolean wholeCluster = hosts.size() == inventory.hosts().size();
        RunOptions dry = new RunOptions(true, parallelism, Serial.ALL, 100, false);
        Playbook tuneBook = TuneStage.playbook(TuningProfiles.DEFAULT, false, false);
        RunResult drivesPlan = runs.execute(DrivesPlaybook.of(Set.of(), null), dry, args("drives", true), "plan drives",
                RunListener.NONE, terminal);
        RunResult tunePlan = runs.execute(tuneBook, dry, args("tune", true), "plan tune", RunListener.NONE, terminal);
        List<RunResult> nodePlans = new ArrayList<>();
        if (wholeCluster) {
            PlaybookRun clusterRuns = new PlaybookRun(inventory, inventory.hosts(), node.acceptNewHostKeys(), redactor)
                    .keeping(kept);
            for (String book : List.of("node-install", "node-start")) {
                nodePlans.add(clusterRuns.execute(new dev.aistorctl.playbooks.PlaybookLoader(dev.aistorctl.playbooks.StepRegistry.builtIn())
                        .builtIn(book), RunOptions.defaults(inventory.hosts().size()).withDryRun(true), args(book, true),
                        "plan " + book, RunListener.NONE, terminal));
            }
        } else {
            terminal.hint("--limit: the node is neither installed nor started (the cluster starts only with all its peers)");
        }
        ProvisionPlan plan = new ProvisionPlan(drives, drivesPlan, tunePlan, nodePlans);
        if (!terminal.json()) {
            terminal.println(plan.text());
        }
        document.run("drives", runs.json(drivesPlan));
        document.run("tune", TuneStage.json(tunePlan, runs.store(), TuningProfiles.DEFAULT, false));
        document.nodeRuns(nodeJson(nodePlans));
        List<String> planFailed = plan.failedHosts();
        if (!planFailed.isEmpty()) {
            failedHosts.addAll(planFailed);
            terminal.error("planning failed on " + String.join(", ", planFailed) + " (above); nothing was changed");
            return end("failed", ExitCode.HOST_FAILED);
        }

        // 3. The go-ahead.
        int formats = plan.formats();
        switch (GoAhead.decide(dryRun, yes, wipeDrives, formats, plan.changes())) {
            case DRY_RUN -> {
                terminal.progress("dry run: nothing was changed");
                return end("dry_run", ExitCode.OK);
            }
            case REFUSE_FORMATS -> {
                terminal.error("refused: formatting " + formats + " drive" + (formats == 1 ? "" : "s")
                        + " destroys whatever is on them (listed above as DESTRUCTIVE); nothing was changed. "
                        + "Run again with --wipe-drives to format them.");
                return end("refused", ExitCode.USAGE);
            }
            case ASK -> {
                Optional<Boolean> typed = terminal.confirmClusterName(inventory.cluster().name(),
                        "Apply this plan to cluster " + inventory.cluster().name() + "?");
                if (typed.isEmpty()) {
                    terminal.error("refused: " + plan.changes() + " changes planned and no confirmation; nothing was changed. "
                            + "Run again with --yes (or on a terminal, to type the cluster's name).");
                    return end("refused", ExitCode.USAGE);
                }
                if (!typed.get()) {
                    terminal.error("refused: the cluster's name was not typed; nothing was changed");
                    return end("refused", ExitCode.USAGE);
                }
            }
            case APPLY -> {
            }
        }
        if (plan.changes() == 0) {
            terminal.progress("nothing to change: every host is already provisioned; checking the cluster's health");
        }

        // 4. Apply: drives, then tune, then the node on the whole cluster with its health.
        RunOptions apply = dry.withDryRun(false);
        RunResult drivesRun = drivesPlan;
        if (plan.changes(drivesPlan) > 0) {
            Map<String, List<Change>> planned = DrivesPlaybook.destructive(drivesPlan);
            drivesRun = runs.execute(DrivesPlaybook.of(Set.of(), planned), apply.withAllowDestructive(true), args("drives", false),
                    "prepare drives", runs.progress(terminal, DrivesPlaybook.of(Set.of(), planned)), terminal);
            report(runs.report(drivesRun, terminal));
            document.run("drives", runs.json(drivesRun));
        }
        RunResult tuneRun = tunePlan;
        if (plan.changes(tunePlan) > 0) {
            tuneRun = runs.execute(tuneBook, apply, args("tune", false), "tune", TuneStage.progress(terminal, tuneBook, hosts.size()),
                    terminal);
            report(TuneStage.text(tuneRun, runs.store(), terminal));
            document.run("tune", TuneStage.json(tuneRun, runs.store(), TuningProfiles.DEFAULT, false));
        }
        drivesRun.hosts().stream().filter(h -> h.failed()).forEach(h -> failedHosts.add(h.host()));
        tuneRun.hosts().stream().filter(h -> h.failed()).forEach(h -> failedHosts.add(h.host()));

        Map<String, String> nodeCells = new LinkedHashMap<>();
        Map<String, String> healthCells = new LinkedHashMap<>();
        List<RunResult> nodeRuns = new ArrayList<>(nodePlans);
        RunResult handOff = null;
        if (wholeCluster) {
            NodeCluster cluster = new NodeCluster(inventory, node.acceptNewHostKeys(), redactor);
            if (!drivesRun.ok()) {
                terminal.error("not installing the node: the drives failed on " + drivesRun.hosts().stream().filter(h -> h.failed())
                        .map(h -> h.host()).toList() + " and the cluster starts only with all its drives");
            } else {
                NodeFlow flow = new NodeFlow(terminal, cluster, node, "provision");
                boolean installed = true;
                if (nodePlans.stream().anyMatch(r -> plan.changes(r) > 0)) {
                    // The pre-flight guards an install or a start; a converged node has nothing for it to guard.
                    installed = flow.preflight(Set.of()).isEmpty();
                    if (!installed) {
                        inventory.hosts().forEach(h -> failedHosts.add(h.name()));
                    } else {
                        nodeRuns.clear();
                        RunResult install = flow.run("node-install", false, Map.of());
                        nodeRuns.add(install);
                        if (install.ok()) {
                            handOff = handDrivesToServiceUser(runs, apply, hosts);
                            nodeRuns.add(flow.run("node-start", false, Map.of()));
                        } else {
                            terminal.error("not starting the cluster: the install failed");
                        }
                        document.nodeRuns(flow.runs());
                    }
                }
                if (installed) {
                    // A host that already failed (unreachable, died in the middle) is reported down, not waited for.
                    ClusterHealth health = flow.awaitHealth(Set.copyOf(failedHosts));
                    if (!health.healthy()) {
                        health.down().forEach(n -> failedHosts.add(n.host()));
                    }
                }
                nodeRuns.forEach(r -> r.hosts().stream().filter(h -> h.failed()).forEach(h -> failedHosts.add(h.host())));
            }

            // 5. Proof: the cluster as status --probe sees it, an S3 round trip on every node.
            ClusterStatus.Result status = ClusterStatus.read(cluster, terminal, PROBE_BYTES);
            document.section("status", status.json());
            report(status.text());
            for (JsonNode h : status.json().path("hosts")) {
                boolean live = h.path("live").asBoolean(false);
                boolean probed = h.path("probe").path("verified").asBoolean(false);
                healthCells.put(h.path("host").asText(), live && probed ? "healthy, S3 verified" : live ? "live, S3 FAILED" : "DOWN");
                if (!(live && probed)) {
                    failedHosts.add(h.path("host").asText());
                }
            }
            if (!status.ok()) {
                status.json().path("problems").forEach(p -> terminal.error(p.asText()));
            }
        }
        for (RunResult r : nodeRuns) {
            r.hosts().forEach(h -> nodeCells.merge(h.host(), ProvisionPlan.cell(r, h), (a, b) -> a.equals("ok") ? b : a));
        }

        // 6. The summary.
        report(ProvisionSummary.text(hosts, drivesRun, tuneRun, nodeCells, healthCells, terminal));
        List<String> ids = new ArrayList<>(List.of("drives " + drivesRun.runId(), "tune " + tuneRun.runId()));
        nodeRuns.forEach(r -> ids.add(r.playbook() + " " + r.runId()));
        if (handOff != null) {
            ids.add("drive owners " + handOff.runId());
            handOff.hosts().stream().filter(h -> h.failed()).forEach(h -> failedHosts.add(h.host()));
        }
        terminal.progress("runs: " + String.join(", ", ids) + (plan.changes() == 0 ? " (plans only: nothing to change)" : ""));
        if (!failedHosts.isEmpty()) {
            terminal.error("provision failed on " + String.join(", ", failedHosts) + " (the table above says where)"
                    + (failedHosts.size() < hosts.size() ? "; the other hosts finished" : "") + ". Fix or bring back "
                    + "those hosts and run provision again: it redoes only what is missing and formats no drive it "
                    + "formatted before.");
        }
        return failedHosts.isEmpty() ? end("ok", ExitCode.OK) : end("failed", ExitCode.HOST_FAILED);
    }

    /**
     * The drives' roots belong to the service user once the node created it (before, to root): the
     * drives playbook again, formatting nothing, so that the next provision finds nothing to change.
     */
    private RunResult handDrivesToServiceUser(PlaybookRun runs, RunOptions apply, List<InventoryHost> hosts) {
        Map<String, List<Change>> noFormats = new LinkedHashMap<>();
        hosts.forEach(h -> noFormats.put(h.name(), List.of()));
        Playbook book = DrivesPlaybook.of(Set.of(), noFormats);
        RunResult result = runs.execute(book, apply, args("drives", false), "drive roots to the service user",
                RunListener.NONE, terminal);
        if (!result.ok()) {
            report(runs.report(result, terminal));
        }
        return result;
    }

    private void report(String text) {
        if (!terminal.json()) {
            terminal.println(redactor.redact(text));
        }
    }

    private ArrayNode nodeJson(List<RunResult> results) {
        ArrayNode out = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        results.forEach(r -> out.add(redactor.redact(RunJson.result(r))));
        return out;
    }

    private Map<String, String> args(String playbook, boolean dry) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("command", "provision");
        args.put("playbook", playbook);
        args.put("dry_run", String.valueOf(dry));
        args.put("wipe_drives", String.valueOf(wipeDrives));
        String limit = GlobalOptions.of(spec).limit();
        if (limit != null) {
            args.put("limit", limit);
        }
        return args;
    }
}
