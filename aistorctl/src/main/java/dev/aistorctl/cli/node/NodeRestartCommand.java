package dev.aistorctl.cli.node;

import java.util.Map;
import java.util.Optional;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.workflows.node.NodeFlow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@picocli.CommandLine.Command(name = "restart",
        description = "Restart minio.service on every host at once, as MinIO needs after an upgrade or a configuration change, "
                + "and wait until the cluster is healthy. Asks for the cluster's name unless --yes is given: every client "
                + "sees the cluster go away for a moment.")
public final class NodeRestartCommand extends CliCommand {
    @Mixin
    NodeOptions options;

    @Option(names = "--yes", description = "Do not ask; restart at once.")
    boolean yes;

    @Option(names = "--dry-run", description = "Plan the restart; change nothing.")
    boolean dryRun;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = NodeOptions.wholeCluster(global, "node restart");
        String name = inventory.cluster().name();
        if (!yes && !dryRun) {
            Optional<Boolean> typed = terminal.confirmClusterName(name, "This restarts minio.service on all "
                    + inventory.hosts().size() + " hosts of cluster " + name + " at once.");
            if (typed.isEmpty()) {
                throw new UsageException("node restart needs a confirmation: run it at a terminal and type the cluster's name, or give --yes");
            }
            if (!typed.get()) {
                throw new UsageException("that is not the cluster's name (" + name + "); nothing was restarted");
            }
        }
        try (NodeFlow flow = options.flow(terminal, inventory, "node restart")) {
            return hostsOk(flow.runAndAwaitHealth("node-restart", dryRun, Map.of("confirmed", yes ? "--yes" : "typed cluster name")));
        }
    }
}
