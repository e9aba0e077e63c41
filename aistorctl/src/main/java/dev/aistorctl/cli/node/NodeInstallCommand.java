package dev.aistorctl.cli.node;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.workflows.node.NodeFlow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@picocli.CommandLine.Command(name = "install",
        description = "Pre-flight, then install the node on every host (account, data directories, binary, configuration, unit), "
                + "then start the whole cluster at once (restarting it together when the binary or configuration changed) "
                + "and wait until it is healthy.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl node install -i inventory.yaml --dry-run",
            "  aistorctl node install -i inventory.yaml --timeout 10m",
            "  aistorctl node install -i inventory.yaml --wipe node03:/mnt/drive2"
        })
public final class NodeInstallCommand extends CliCommand {
    @Option(names = "--dry-run", description = "Pre-flight and plan every step on every host, including the start or restart; change nothing.")
    boolean dryRun;

    @Option(names = "--wipe", paramLabel = "HOST:MOUNT",
            description = "A drive carrying an earlier MinIO deployment that may be wiped: its .minio.sys and minio/ are emptied (planned, shown and journaled like a format). Repeatable.")
    List<String> wipe = new ArrayList<>();

    @Mixin
    NodeOptions options;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        try (NodeFlow flow = options.flow(terminal, NodeOptions.wholeCluster(global, "node install"),
                dryRun ? "node install --dry-run" : "node install")) {
            return hostsOk(flow.install(new LinkedHashSet<>(wipe), dryRun));
        }
    }
}
