package dev.aistorctl.workflows.provision;

import java.util.List;

import dev.aistorctl.workflows.accept.AcceptRequest;
import dev.aistorctl.workflows.node.NodeSettings;

/**
 * What the operator asked of one provision.
 *
 * @param dryRun         verify and plan, show the plan, change nothing
 * @param yes            apply the plan without asking for the cluster's name
 * @param wipeDrives     allow formatting the planned data drives
 * @param acceptFindings failing hardware rules to go on with anyway
 * @param parallel       at most this many hosts at once
 * @param node           how the node is reached and waited for
 * @param limit          the host selection as the operator wrote it (journaled), or null for all hosts
 * @param toolVersion    the version recorded in provision.json
 * @param accept         accept's parts as the last stage, or null to end with the proof
 */
public record ProvisionRequest(boolean dryRun, boolean yes, boolean wipeDrives, List<String> acceptFindings, int parallel,
                               NodeSettings node, String limit, String toolVersion, AcceptRequest accept) {
    public ProvisionRequest {
        acceptFindings = List.copyOf(acceptFindings);
    }

    /** A provision that ends with the proof. */
    public ProvisionRequest(boolean dryRun, boolean yes, boolean wipeDrives, List<String> acceptFindings, int parallel,
                            NodeSettings node, String limit, String toolVersion) {
        this(dryRun, yes, wipeDrives, acceptFindings, parallel, node, limit, toolVersion, null);
    }
}
