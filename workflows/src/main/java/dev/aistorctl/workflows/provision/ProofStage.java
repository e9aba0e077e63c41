package dev.aistorctl.workflows.provision;

import java.util.Map;

import dev.aistorctl.core.FanoutListener;

import dev.aistorctl.workflows.node.ClusterStatus;
import dev.aistorctl.workflows.node.HostStatus;
import dev.aistorctl.workflows.node.NodeCluster;

/** Proof: the cluster as status --probe sees it, an S3 round trip on every node. */
final class ProofStage {
    static final long PROBE_BYTES = 64L << 20;

    private ProofStage() {
    }

    /** Reads and records the status; fills {@code healthCells} with each host's cell of the summary. */
    static ClusterStatus run(ProvisionContext c, NodeCluster cluster, Map<String, String> healthCells) {
        ProvisionStages.Stage stage = c.document.stage("proof");
        ClusterStatus status = ClusterStatus.read(cluster, c.output, PROBE_BYTES, stage.hosts(FanoutListener.NONE));
        stage.end();
        c.document.section("status", status.json());
        // The summary table that follows says each host's health; the full status (binary, drives, round-trip
        // times, capacity) is printed when something is wrong, or with -v, and kept in provision.json always.
        if (c.output.verbose() || !status.ok()) {
            c.report(status.text(c.output));
        }
        for (HostStatus h : status.hosts()) {
            healthCells.put(h.host(), h.proven() ? "healthy, S3 verified" : h.live() ? "live, S3 FAILED" : "DOWN");
            if (!h.proven()) {
                c.failedHosts.add(h.host());
            }
        }
        if (!status.ok()) {
            status.redactedProblems().forEach(c.output::error);
        }
        return status;
    }
}
