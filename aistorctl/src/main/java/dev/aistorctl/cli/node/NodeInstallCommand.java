package dev.aistorctl.cli.node;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.workflows.node.NodeCluster;
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
        NodeFlow flow = options.flow(terminal, NodeOptions.wholeCluster(global, "node install"),
                dryRun ? "node install --dry-run" : "node install");
        NodeCluster cluster = flow.cluster();
        Set<String> wipes = new LinkedHashSet<>(wipe);
        for (String w : wipes) {
            int colon = w.indexOf(':');
            if (colon < 1 || cluster.hosts().stream().noneMatch(h -> h.name().equals(w.substring(0, colon))
                    && h.mountPaths().contains(w.substring(colon + 1)))) {
                throw new UsageException("--wipe " + w + ": not HOST:MOUNT of a host and data mount of the inventory");
            }
        }
        if (!flow.preflight(wipes).isEmpty()) {
            flow.printJson();
            return ExitCode.HOST_FAILED.code();
        }
        if (!flow.wipe(wipes, dryRun)) {
            flow.printJson();
            return ExitCode.HOST_FAILED.code();
        }
        RunResult install = flow.run("node-install", dryRun, Map.of());
        if (dryRun) {
            RunResult start = flow.run("node-start", true, Map.of());
            terminal.progress("dry run: after install, every node is started at once and the cluster is waited for until healthy");
            flow.printJson();
            return hostsOk(install.ok() && start.ok());
        }
        if (!install.ok()) {
            terminal.error("not starting the cluster: it starts on every node together, and the install failed on "
                    + install.hosts().stream().filter(h -> h.failed()).map(h -> h.host()).toList()
                    + "; nodes already running were left as they were");
            flow.printJson();
            return ExitCode.HOST_FAILED.code();
        }
        return hostsOk(flow.runAndAwaitHealth("node-start", false, Map.of()));
    }
}
