package dev.aistorctl.workflows.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.PathMtu;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.playbooks.GoAhead;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.lock.HostLockedException;
import dev.aistorctl.playbooks.node.EmptyDataDirectories;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.HealthWait;
import dev.aistorctl.storagenode.health.NodeHealth;
import dev.aistorctl.storagenode.health.ServiceDiagnosis;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.preflight.ClockSample;
import dev.aistorctl.storagenode.preflight.NodeSurvey;
import dev.aistorctl.storagenode.preflight.Preflight;
import dev.aistorctl.storagenode.preflight.PreflightFinding;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.hardware.ProfileChoice;
import dev.aistorctl.workflows.run.PlaybookRun;
import dev.aistorctl.workflows.text.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stages the node commands share: pre-flight, a built-in playbook run on every host at once, the
 * wait for a healthy cluster and, when it is not, what each failing node's service says. Collects a
 * JSON document of everything for {@code -o json}.
 */
public final class NodeFlow implements AutoCloseable {
    final Output terminal;
    final NodeCluster cluster;
    private final NodeSettings settings;
    private final boolean partOfProvision;
    final ObjectNode document = Json.mapper().createObjectNode();
    private final ArrayNode runs = document.putArray("runs");
    private Interruption interruption = Interruption.process();

    public NodeFlow(Output terminal, NodeCluster cluster, NodeSettings settings, String command) {
        this.terminal = terminal;
        this.cluster = cluster;
        this.settings = settings;
        this.partOfProvision = command.equals("provision");
        document.put("command", command);
        document.put("cluster", cluster.inventory.cluster().name());
        document.put("flavour", cluster.inventory.node().flavour().name().toLowerCase());
    }

    /** Ctrl-C as {@code interruption} hears it instead of the process's: for tests. */
    NodeFlow interruptedBy(Interruption interruption) {
        this.interruption = interruption;
        return this;
    }

    /**
     * Findings before anything changes; a host that cannot be surveyed is a finding too. Ctrl-C cuts the survey at
     * once (it changes nothing): its commands are killed on the hosts and the one finding is {@link #INTERRUPTED}.
     */
    public List<PreflightFinding> preflight(Set<String> wipe) {
        List<PreflightFinding> findings = interruption.cutting(() -> survey(wipe));
        if (interruption.requested()) {
            terminal.progress("pre-flight: interrupted (" + interruption.signal() + "); nothing was changed");
            PreflightFinding cut = new PreflightFinding("-", INTERRUPTED, "interrupted (" + interruption.signal() + ")",
                    "run the same command again");
            document.putArray("preflight").add(Json.mapper().valueToTree(cut));
            return List.of(cut);
        }
        return findings;
    }

    /** The check of the one finding of a pre-flight cut by Ctrl-C. */
    public static final String INTERRUPTED = "interrupted";

    /**
     * A host pre-flight could not survey. One held by another run answered: its lock's message names that run, and
     * the way on is to wait for it or break its lock, not to fix SSH access.
     */
    private PreflightFinding notSurveyed(HostOutcome<NodeSurvey> o) {
        String cause = cluster.redactor.redact(o.error());
        for (Throwable t = o.cause(); t != null; t = t.getCause()) {
            if (t instanceof HostLockedException locked) {
                return new PreflightFinding(o.host(), "lock", cause, locked.holder()
                        .map(h -> "another run holds this host: wait for it to end, or if it is gone, break its lock with --break-lock "
                                + h.runId())
                        .orElse("another process holds this host's run lock: wait for it to end"));
            }
        }
        return new PreflightFinding(o.host(), "reachable", cause, "fix SSH access first");
    }

    private List<PreflightFinding> survey(Set<String> wipe) {
        terminal.progress("pre-flight: surveying " + cluster.hosts.size() + " hosts");
        List<NodeSurvey> surveys = new ArrayList<>();
        List<PreflightFinding> findings = new ArrayList<>();
        for (HostOutcome<NodeSurvey> o : cluster.surveys()) {
            if (o.ok()) {
                surveys.add(o.value());
            } else {
                findings.add(notSurveyed(o));
            }
        }
        if (interruption.requested()) {
            return findings;
        }
        List<ClockSample> clocks = new ArrayList<>();
        cluster.clocks().forEach(o -> o.valueIfOk().ifPresent(clocks::add));
        if (interruption.requested()) {
            return findings;
        }
        findings.addAll(Preflight.evaluate(surveys, cluster.addresses(), clocks, cluster.inventory.node().apiPort(), wipe));
        cluster.localBinary().ifPresent(b ->
                findings.addAll(Preflight.architecture(surveys, b.machine(), b.localFile().orElseThrow().toString())));
        if (interruption.requested()) {
            return findings;
        }
        findings.addAll(pathMtu(surveys.stream().map(NodeSurvey::host).collect(Collectors.toSet())));
        ArrayNode json = document.putArray("preflight");
        for (PreflightFinding f : findings) {
            json.add(Json.mapper().valueToTree(f));
        }
        if (findings.isEmpty()) {
            terminal.progress("pre-flight: " + surveys.size() + " hosts ready (data mounts, names, port, clocks, open files, space, architecture)");
        } else {
            Table t = new Table("HOST", "CHECK", "PROBLEM", "HINT");
            findings.forEach(f -> t.row(f.host(), f.check(), f.cause(), f.hint()));
            if (!terminal.json()) {
                terminal.println("Pre-flight found " + findings.size() + " problem" + (findings.size() == 1 ? "" : "s")
                        + "; nothing was changed:\n" + t.render().stripTrailing());
            }
        }
        return findings;
    }

    /**
     * Jumbo frames must cross between every two nodes before the cluster depends on them: with the
     * profile's network.mtu_consistent, each direction whose full-size don't-fragment packet does not
     * cross is a pre-flight problem of the sending node.
     */
    private List<PreflightFinding> pathMtu(Set<String> surveyed) {
        HardwareProfile profile = HardwareProfiles.load(ProfileChoice.profileOf(Optional.of(cluster.inventory)));
        if (PathMtu.mtuOf(profile).isEmpty()) {
            return List.of();
        }
        terminal.progress("pre-flight: MTU " + PathMtu.mtuOf(profile).get() + " between every two nodes");
        List<PreflightFinding> out = new ArrayList<>();
        cluster.pathMtu(profile, surveyed).forEach((host, found) -> found.stream().filter(Finding::failed)
                .forEach(f -> out.add(new PreflightFinding(host, "path-mtu", f.message(), f.hint()))));
        return out;
    }

    /**
     * {@code node install}: pre-flight, the wipes named with {@code --wipe} (HOST:MOUNT), the install on every
     * host, then the whole cluster started at once and waited for; with {@code dryRun} the plan of each
     * stage (the start's too) and nothing changed. Prints the flow's document with -o json.
     *
     * @return whether every stage succeeded on every host (and, when not a dry run, the cluster became healthy)
     */
    public boolean install(Set<String> wipes, boolean dryRun) {
        for (String w : wipes) {
            int colon = w.indexOf(':');
            if (colon < 1 || cluster.hosts.stream().noneMatch(h -> h.name().equals(w.substring(0, colon))
                    && h.mountPaths().contains(w.substring(colon + 1)))) {
                throw new UsageException("--wipe " + w + ": not HOST:MOUNT of a host and data mount of the inventory");
            }
        }
        if (!preflight(wipes).isEmpty() || !wipe(wipes, dryRun)) {
            printJson();
            return false;
        }
        RunResult install = run("node-install", dryRun, Map.of());
        // The install's plan printed them under its changes (and its journal holds them); here for programs.
        ArrayNode recorded = document.putArray("warnings");
        NodeWarnings.of(cluster.inventory).forEach(recorded::add);
        if (dryRun) {
            RunResult start = run("node-start", true, Map.of());
            terminal.progress("dry run: after install, every node is started at once and the cluster is waited for until healthy");
            printJson();
            return install.ok() && start.ok();
        }
        if (!install.ok()) {
            terminal.error("not starting the cluster: it starts on every node together, and the install failed on "
                    + install.hosts().stream().filter(HostResult::failed).map(HostResult::host).toList()
                    + "; nodes already running were left as they were");
            printJson();
            return false;
        }
        return runAndAwaitHealth("node-start", false, Map.of());
    }

    /**
     * Empties the data directories of the drives named with {@code --wipe} (HOST:MOUNT), in the engine: a
     * plan line per directory with what it holds, journaled, under the host lock. {@code --wipe} itself is
     * the destructive go-ahead; a dry run shows the plan only.
     *
     * @return whether every named directory is empty (or, in a dry run, could be planned)
     */
    private boolean wipe(Set<String> hostMounts, boolean dryRun) {
        if (hostMounts.isEmpty()) {
            return true;
        }
        Playbook book = EmptyDataDirectories.playbook(hostMounts);
        PlaybookRun run = cluster.runs(settings);
        RunOptions options = RunOptions.defaults(cluster.hosts.size());
        Map<String, String> args = Map.of("playbook", book.name(), "wipe", String.join(",", hostMounts));
        RunResult planned = run.plan(book, options, args, "wipe " + String.join(", ", hostMounts), run.progress(terminal, book),
                terminal);
        RunResult result = planned;
        if (!dryRun && planned.ok()) {
            RunPlan plan = RunPlan.of(planned);
            GoAhead.Verdict verdict = new GoAhead(false, true, "--wipe", GoAhead.Typed.NOT_ASKED)
                    .decide(plan, cluster.inventory.cluster().name(), GoAhead.Asks.DESTRUCTIVE_CHANGES);
            result = run.apply(book, plan, verdict, options, args, "wipe", run.progress(terminal, book), terminal);
        }
        runs.add(cluster.redactor.redact(RunJson.result(result)));
        if (!terminal.json()) {
            terminal.println(run.report(result, terminal));
        }
        return result.ok();
    }

    public RunResult run(String playbook, boolean dryRun, Map<String, String> extraArgs) {
        return run(playbook, dryRun, extraArgs, null);
    }

    /**
     * Runs {@code playbook} as one part of {@code phase}, a board of several runs that the caller opened, headed and
     * closes (the install and the start within a provision, whose run ids its last lines give); null: a run of its
     * own, with its headline and its journal's path.
     */
    public RunResult run(String playbook, boolean dryRun, Map<String, String> extraArgs, HostBoard phase) {
        RunOptions opts = RunOptions.defaults(cluster.hosts.size()).withDryRun(dryRun);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("playbook", playbook);
        args.putAll(extraArgs);
        Playbook book = new PlaybookLoader(StepRegistry.builtIn()).builtIn(playbook);
        PlaybookRun run = cluster.runs(settings);
        RunResult result = phase == null
                ? run.execute(book, opts, args, "playbook " + playbook, run.progress(terminal, book), terminal)
                : run.execute(book, opts, args, null, run.progress(terminal, book, phase), terminal);
        runs.add(cluster.redactor.redact(RunJson.result(result)));
        if (!terminal.json()) {
            // Within a provision the summary table closes the run: its own report only when it failed, or with -v.
            if (!partOfProvision || terminal.verbose() || !result.ok()) {
                terminal.println(run.report(result, terminal));
            }
            if (phase == null) {
                terminal.progress("journal: " + run.journalOf(result.runId()));
            }
        }
        return result;
    }

    /**
     * Runs {@code playbook} on every host at once and, unless it is a dry run, waits for the cluster's
     * health; then, with -o json, prints the flow's document.
     *
     * @return whether the run succeeded and, when not a dry run, the cluster became healthy
     */
    public boolean runAndAwaitHealth(String playbook, boolean dryRun, Map<String, String> extraArgs) {
        RunResult result = run(playbook, dryRun, extraArgs);
        if (dryRun) {
            printJson();
            return result.ok();
        }
        ClusterHealth health = awaitHealth();
        printJson();
        return result.ok() && health.healthy();
    }

    /** Waits for every node (and MinIO's quorum), printing each change of the picture; explains a failure. */
    public ClusterHealth awaitHealth() {
        return awaitHealth(Set.of());
    }

    /**
     * As {@link #awaitHealth()}, but stops waiting as soon as every node except those of {@code failedHosts}
     * answers: hosts known to have failed are reported as they are, not waited for until the timeout.
     */
    public ClusterHealth awaitHealth(Set<String> failedHosts) {
        Duration timeout = settings.healthTimeout();
        var probe = cluster.probe(cluster.credential());
        long t0 = System.nanoTime();
        terminal.progress("health: waiting up to " + timeout.toSeconds() + "s for every node to answer"
                + (failedHosts.isEmpty() ? "" : " (not for " + String.join(", ", new java.util.TreeSet<>(failedHosts))
                + ", which failed)"));
        // Ctrl-C ends the wait at once: it changes nothing, and nothing was started that it could let finish.
        ClusterHealth health = interruption.cutting(() -> new HealthWait(() -> probe.probe(cluster.targets()), Duration.ofSeconds(2))
                .await(timeout, h -> h.healthy() || h.liveExcept(failedHosts) || interruption.requested(),
                        h -> terminal.progress(String.format("health (%.0fs): %s", (System.nanoTime() - t0) / 1e9,
                        cluster.redactor.redact(h.summary())))));
        if (interruption.requested()) {
            terminal.progress("health: not waited for any more: interrupted (" + interruption.signal() + ")");
            document.putObject("health").put("interrupted", interruption.signal());
            return health;
        }
        report(health);
        return health;
    }

    void report(ClusterHealth health) {
        ObjectNode json = document.putObject("health");
        json.put("healthy", health.healthy());
        health.quorum().ifPresent(q -> json.put("quorum", q));
        ArrayNode nodes = json.putArray("nodes");
        for (NodeHealth n : health.nodes()) {
            nodes.add(Json.mapper().valueToTree(n));
        }
        if (cluster.inventory.node().flavour() == Flavour.S3PROXY) {
            json.put("note", ClusterHealth.S3PROXY_NOTE);
        }
        if (health.healthy()) {
            terminal.progress("cluster " + cluster.inventory.cluster().name() + " is healthy: " + health.summary());
            return;
        }
        List<String> down = health.down().stream().map(NodeHealth::host).toList();
        if (down.isEmpty()) {
            down = cluster.hosts.stream().map(h -> h.name()).toList();
        }
        ArrayNode diag = json.putArray("diagnosis");
        StringBuilder text = new StringBuilder("cluster " + cluster.inventory.cluster().name() + " is NOT healthy: "
                + health.summary());
        for (ServiceDiagnosis d : cluster.diagnose(down)) {
            diag.add(Json.mapper().valueToTree(d));
            text.append("\n\n").append(d.host()).append(": ").append(MinioPaths.SERVICE).append(" is ").append(d.explained())
                    .append("\n").append(d.host()).append(": journalctl -u minio (last ").append(ServiceDiagnosis.LINES)
                    .append(" lines):\n").append(d.journalTail().indent(4).stripTrailing());
        }
        terminal.error(cluster.redactor.redact(text.toString()));
    }

    /** Lets go of what the cluster holds for this command: its host locks and connections. */
    @Override
    public void close() {
        cluster.close();
    }

    /** Every run so far, each as {@code run -o json} prints it (redacted). */
    public ArrayNode runs() {
        return runs;
    }

    /** With -o json, the document of everything the flow did (redacted). */
    public void printJson() {
        if (terminal.json()) {
            terminal.printJson(cluster.redactor.redact(document));
        }
    }
}
