package dev.aistorctl.cli;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.DurationText;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.workflows.node.NodeCluster;
import dev.aistorctl.workflows.node.NodeFlow;
import dev.aistorctl.workflows.node.NodeSettings;
import dev.aistorctl.workflows.run.PlaybookRun;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every node command shares. */
public final class NodeOptions {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the cluster to become healthy after starting it (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--accept-new-host-keys",
            description = "Trust and record host keys not yet in known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Mixin
    BreakLockOption breakLock;

    public NodeSettings settings() {
        return new NodeSettings(DurationText.parse(timeout), acceptNewHostKeys, breakLock.runId());
    }

    /** The whole cluster's inventory: node commands refuse --limit, since MinIO starts only with all its peers. */
    public static Inventory wholeCluster(GlobalOptions global, String command) {
        if (global.limit() != null) {
            throw new UsageException(command + " works on the whole cluster (MinIO starts only with its peers); drop --limit");
        }
        return global.loadInventoryToConnect();
    }

    /**
     * The flow of one node command over every host of {@code inventory}, with one login and one host lock per host
     * for the whole command; close it at the command's end.
     */
    public NodeFlow flow(Terminal terminal, Inventory inventory, String command) {
        NodeSettings settings = settings();
        return new NodeFlow(terminal, NodeCluster.holdingLocks(inventory, settings, PlaybookRun.redactorFor(inventory)),
                settings, command);
    }
}
