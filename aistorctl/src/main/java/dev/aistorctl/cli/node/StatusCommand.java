package dev.aistorctl.cli.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Table;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.run.PlaybookRun;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.inventory.ByteSize;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.HealthProbe;
import dev.aistorctl.storagenode.health.NodeHealth;
import dev.aistorctl.storagenode.health.RoundTrip;
import dev.aistorctl.storagenode.health.S3RoundTrip;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.Sha256;
import dev.aistorctl.storagenode.preflight.MountSurvey;
import dev.aistorctl.storagenode.preflight.NodeSurvey;
import dev.aistorctl.storagenode.preflight.Preflight;
import dev.aistorctl.storagenode.preflight.PreflightFinding;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(name = "status",
        description = "The storage cluster now: per host the service, the binary, the data drives and whether the node answers; "
                + "for the cluster its health and capacity. With --probe, a signed S3 round trip on every node.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl status -i inventory.yaml",
            "  aistorctl status -i inventory.yaml --probe -o json",
            "",
            "Exit 0 when every node is up and healthy, 1 when anything is down or a probe failed."
        })
public final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--probe", description = "Also create a bucket, write a 64 MiB object of random bytes, read it back, "
            + "compare SHA-256 and delete both, on every node.")
    boolean probe;

    @Option(names = "--probe-size", paramLabel = "SIZE", defaultValue = "64MiB", hidden = true)
    String probeSize;

    @Option(names = "--accept-new-host-keys",
            description = "Trust and record host keys not yet in known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        Inventory inventory = GlobalOptions.of(spec).loadInventory();
        NodeCluster cluster = new NodeCluster(inventory, acceptNewHostKeys, PlaybookRun.redactorFor(inventory));
        ClusterStatus.Result status = ClusterStatus.read(cluster, terminal, probe ? ByteSize.parse(probeSize).bytes() : 0);
        if (terminal.json()) {
            terminal.printJson(status.json());
        } else {
            terminal.println(status.text());
        }
        return status.ok() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
    }
}
