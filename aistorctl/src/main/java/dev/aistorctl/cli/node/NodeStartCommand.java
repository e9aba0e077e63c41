package dev.aistorctl.cli.node;

import java.util.Map;
import java.util.concurrent.Callable;

import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.storagenode.health.ClusterHealth;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(name = "start",
        description = "Start minio.service on every host at once (restarting nodes that run an older binary or configuration) "
                + "and wait until the cluster is healthy.")
public final class NodeStartCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Plan the starts and restarts; change nothing.")
    boolean dryRun;

    @Mixin
    NodeOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        GlobalOptions global = GlobalOptions.of(spec);
        NodeFlow flow = options.flow(terminal, NodeOptions.wholeCluster(global, "node start"), "node start");
        RunResult start = flow.run("node-start", dryRun, Map.of());
        if (dryRun) {
            flow.printJson();
            return start.ok() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
        }
        ClusterHealth health = flow.awaitHealth();
        flow.printJson();
        return start.ok() && health.healthy() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
    }
}
