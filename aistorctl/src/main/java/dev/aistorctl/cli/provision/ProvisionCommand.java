package dev.aistorctl.cli.provision;

import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.NodeOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.Version;
import dev.aistorctl.cli.WipeDrivesOption;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.DurationText;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.accept.AcceptRequest;
import dev.aistorctl.workflows.accept.S3Request;
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
            "  aistorctl provision -i inventory.yaml --yes --wipe-drives --accept --accept-duration 10s",
            "",
            "Formatting drives always needs --wipe-drives. Other changes need --yes or, on a terminal, the cluster's",
            "name typed. Exit 0 ok, 1 a host failed, 2 refused (nothing was changed), 3 hardware check or (--accept)",
            "acceptance failed."
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

    @Option(names = "--accept", description = "Last, once every node is proven: measure drives, network and S3 as aistorctl "
            + "accept does and judge them; a FAIL ends provision with exit 3. Writes accept.json into the run directory.")
    boolean accept;

    @Option(names = "--accept-duration", paramLabel = "TIME", defaultValue = "30s",
            description = "With --accept: the bound of each drive pass, network round and S3 phase (default ${DEFAULT-VALUE}).")
    String acceptDuration;

    @Mixin
    NodeOptions node;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.requireHosts(inventory, "to provision");
        AcceptRequest acceptRequest = null;
        if (accept) {
            long seconds = DurationText.parse(acceptDuration).toSeconds();
            if (seconds < 1) {
                throw new UsageException("provision: --accept-duration must be at least 1s, was " + acceptDuration);
            }
            AcceptRequest every = AcceptRequest.every(seconds);
            try {
                acceptRequest = new AcceptRequest(every.drives(), every.network(), S3Request.fitting(every.s3().objectBytes(),
                        every.s3().concurrency(), seconds, inventory.hosts().size(), Runtime.getRuntime().maxMemory()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("provision --accept: " + e.getMessage());
            }
        }
        ProvisionRequest request = new ProvisionRequest(dryRun, yes, wipeDrives.given(), acceptFinding,
                FanoutOptions.parallel(parallel, hosts.size()), node.settings(), global.limit(), Version.number(),
                acceptRequest);
        return new Provision(inventory, hosts, request, terminal).run().exitCode().code();
    }
}
