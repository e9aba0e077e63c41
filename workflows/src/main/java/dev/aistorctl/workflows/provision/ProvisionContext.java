package dev.aistorctl.workflows.provision;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.aistorctl.core.Connector;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.remote.KeptConnections;
import dev.aistorctl.workflows.run.PlaybookRun;

/** What every stage of one provision shares: the hosts, the request, the document, the runs and the failures so far. */
final class ProvisionContext {
    final Inventory inventory;
    final List<InventoryHost> hosts;
    final ProvisionRequest request;
    final Output output;
    final Redactor redactor;
    final ProvisionDocument document;
    /** Runs on the selected hosts, through the kept connections. */
    final PlaybookRun runs;
    final KeptConnections kept;
    /** The host locks, held from the fact gathering to the end of the provision; their run id is the provision's. */
    final HeldLocks locks;
    /** Every host that failed a stage so far, sorted. */
    final Set<String> failedHosts = new TreeSet<>();
    /** The stage Ctrl-C cut, once it did. */
    String interruptedIn;

    ProvisionContext(Inventory inventory, List<InventoryHost> hosts, ProvisionRequest request, Output output, Redactor redactor,
                     ProvisionDocument document, PlaybookRun runs, KeptConnections kept, HeldLocks locks) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.request = request;
        this.output = output;
        this.redactor = redactor;
        this.document = document;
        this.runs = runs;
        this.kept = kept;
        this.locks = locks;
    }

    /** The host's kept connection under the provision's lock, for work outside a run (facts, acceptance). */
    Connector open(String host) {
        return kept.open(host, locks);
    }

    /**
     * Records that Ctrl-C cut the provision in {@code stage}, one that runs no playbook (the pre-flight, the wait
     * for health) and so has no journal of its own to say it: provision.json's {@code interrupted}.
     */
    void interrupted(String stage) {
        if (interruptedIn != null) {
            return;
        }
        interruptedIn = stage;
        Interruption interruption = Interruption.process();
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("signal", interruption.signal());
        cut.put("forced", interruption.forced());
        cut.put("stage", stage);
        cut.put("at", Instant.now().toString());
        document.section("interrupted", cut);
    }

    /** The node is installed and started only with all its peers: not under --limit. */
    boolean wholeCluster() {
        return hosts.size() == inventory.hosts().size();
    }

    /** Runs on every host of the inventory, through the kept connections. */
    PlaybookRun clusterRuns() {
        return new PlaybookRun(inventory, inventory.hosts(), request.node().acceptNewHostKeys(), redactor)
                .breakingLock(request.node().breakLock()).keeping(kept).holding(locks);
    }

    /** A text report, redacted, unless a program reads the output. */
    void report(String text) {
        if (!output.json()) {
            output.println(redactor.redact(text));
        }
    }

    /**
     * The report of an applied run: the plan was shown and the summary table closes the provision, so by
     * default only a run that failed somewhere is reported on its own; with {@code -v} every run is.
     */
    void reportRun(dev.aistorctl.playbooks.RunResult run, String text) {
        if (output.verbose() || !run.ok()) {
            report(text);
        }
    }

    /** The args a run of this provision journals. */
    Map<String, String> args(String playbook) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("command", "provision");
        args.put("playbook", playbook);
        args.put("wipe_drives", String.valueOf(request.wipeDrives()));
        if (request.limit() != null) {
            args.put("limit", request.limit());
        }
        return args;
    }
}
