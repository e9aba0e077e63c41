package dev.aistorctl.cli.provision;

import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.VersionProvider;
import dev.aistorctl.cli.WipeDrivesOption;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.provision.Provision;
import dev.aistorctl.workflows.provision.ProvisionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "provision",
        description = "From racked servers to a healthy, tuned cluster in one command: verify the hardware, plan drives, "
                + "tuning and node on every host and show the plan, then (confirmed) prepare the drives, tune, install "
                + "and start the node, and prove every node with an S3 round trip. Writes provision.json into its run directory.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl provision -i inventory.yaml --dry-run",
            "  aistorctl provision -i inventory.yaml --yes --wipe-drives",
            "  aistorctl provision -i inventory.yaml --accept-finding nic.speed --yes",
            "",
            "Formatting drives always needs --wipe-drives. Other changes need --yes or, on a terminal, the cluster's",
            "name typed. Exit 0 ok, 1 a host failed, 2 refused (nothing was changed), 3 hardware check failed."
        })
public final class ProvisionCommand extends CliCommand {

    @Option(names = "--dry-run", description = "Verify and plan on every host, show the plan, change nothing.")
    boolean dryRun;

    @Mixin
    WipeDrivesOption wipeDrives;

    @Option(names = "--yes", description = "Apply the plan without asking for the cluster's name.")
    boolean yes;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Work on at most N hosts at once (default: all hosts, up to " + Fanout.MAX_DEFAULT_PARALLEL + ").")
    Integer parallel;

    @Option(names = "--accept-finding", paramLabel = "RULE", split = ",",
            description = "Go on although this hardware rule fails (e.g. nic.speed); recorded in provision.json. Repeatable.")
    List<String> acceptFinding = new ArrayList<>();

    @Mixin
    NodeOptions node;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventory();
        List<InventoryHost> hosts = global.requireHosts(inventory, "to provision");
        ProvisionRequest request = new ProvisionRequest(dryRun, yes, wipeDrives.given(), acceptFinding,
                FanoutOptions.parallel(parallel, hosts.size()), node.settings(), global.limit(), VersionProvider.version());
        return new Provision(inventory, hosts, request, terminal).run().exitCode().code();
    }
}
