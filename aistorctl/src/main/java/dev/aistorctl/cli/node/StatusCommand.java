package dev.aistorctl.cli.node;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.workflows.node.ClusterStatus;
import dev.aistorctl.workflows.node.NodeCluster;
import dev.aistorctl.workflows.run.PlaybookRun;
import picocli.CommandLine.Option;

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
public final class StatusCommand extends CliCommand {

    @Option(names = "--probe", description = "Also create a bucket, write a 64 MiB object of random bytes, read it back, "
            + "compare SHA-256 and delete both, on every node.")
    boolean probe;

    @Option(names = "--probe-size", paramLabel = "SIZE", defaultValue = "64MiB", hidden = true)
    String probeSize;

    @Option(names = "--accept-new-host-keys",
            description = "Trust and record host keys not yet in known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventoryToConnect();
        NodeCluster cluster = new NodeCluster(inventory, acceptNewHostKeys, PlaybookRun.redactorFor(inventory));
        ClusterStatus status = ClusterStatus.read(cluster, terminal, probe ? ByteSize.parse(probeSize).bytes() : 0);
        if (terminal.json()) {
            terminal.printJson(status.json());
        } else {
            terminal.println(status.text(terminal));
        }
        return hostsOk(status.ok());
    }
}
