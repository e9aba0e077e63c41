package dev.aistorctl.cli.node;

import java.util.Map;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.workflows.node.NodeFlow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@picocli.CommandLine.Command(name = "start",
        description = "Start minio.service on every host at once (restarting nodes that run an older binary or configuration) "
                + "and wait until the cluster is healthy.")
public final class NodeStartCommand extends CliCommand {
    @Option(names = "--dry-run", description = "Plan the starts and restarts; change nothing.")
    boolean dryRun;

    @Mixin
    NodeOptions options;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        try (NodeFlow flow = options.flow(terminal, NodeOptions.wholeCluster(global, "node start"), "node start")) {
            return hostsOk(flow.runAndAwaitHealth("node-start", dryRun, Map.of()));
        }
    }
}
