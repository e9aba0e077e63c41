package dev.aistorctl.cli.accept;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.inventory.DurationText;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.workflows.accept.Accept;
import dev.aistorctl.workflows.accept.AcceptResult;
import dev.aistorctl.workflows.accept.AcceptText;
import dev.aistorctl.workflows.accept.DriveRequest;
import dev.aistorctl.workflows.accept.NetworkRequest;
import dev.aistorctl.workflows.accept.S3Access;
import dev.aistorctl.workflows.accept.S3Request;
import dev.aistorctl.workflows.hardware.ProfileChoice;
import dev.aistorctl.workflows.remote.Connections;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "accept",
        description = "Measure what the hardware delivers (every data drive's sequential write and read with direct I/O; the "
                + "data network between every pair of hosts; every node's S3 PUT and GET, all nodes at once) and judge it "
                + "against the profile's figures and against the peers. With no part named, all three run, and the S3 part skips "
                + "(SKIP, saying why) a host that runs no storage node.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl accept -i inventory.yaml",
            "  aistorctl accept -i inventory.yaml --duration 10s --size 512MiB -o json",
            "  aistorctl accept -i inventory.yaml --network --duration 10s --streams 8",
            "  aistorctl accept -i inventory.yaml --s3 --object-size 64MiB --concurrency 16",
            "",
            "Writes accept.json into a new run directory (aistorctl runs). Only a test file directly under each data",
            "mount is written, and it is removed afterwards. The network rounds run iperf3 (when both ends have it) or a",
            "python3 sender and receiver on free ports, killed and removed afterwards. The S3 part writes only in a bucket",
            "of its own (aistorctl-accept-TOKEN), removed with its objects afterwards. Exit 0 all pass, 3 any FAIL, 1 a",
            "host, drive, network pair or S3 node not measured."
        })
public final class AcceptCommand extends CliCommand {
    @Option(names = "--drives", description = "Measure the data drives (with no part named: every part).")
    boolean drives;

    @Option(names = "--network", description = "Measure the data network between the hosts (with no part named: every part).")
    boolean network;

    @Option(names = "--s3", description = "Load every node's S3 API at once, PUT then GET; named, a host whose node does not answer is "
            + "not measured (exit 1). With no part named, every part runs and a host that runs no node is skipped.")
    boolean s3;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s",
            description = "Bound of each write or read with every drive at once, each drive alone gets a third; length of each "
                    + "network round, the ring then the mesh; length of the S3 PUT phase and of the GET phase "
                    + "(default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "4",
            description = "Parallel TCP streams from each host to each peer (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1GiB",
            description = "Test file on each drive; a drive with less free space (plus 64 MiB) is refused (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--object-size", paramLabel = "SIZE", defaultValue = "16MiB",
            description = "Size of every S3 object (default ${DEFAULT-VALUE}).")
    String objectSize;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "S3 requests in flight at once on each node (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--profile", paramLabel = "NAME|PATH",
            description = "Hardware profile with the accept figures (default: the inventory's, else " + ProfileChoice.DEFAULT_PROFILE + ").")
    String profile;

    @Mixin
    FanoutOptions fanout;

    private S3Request s3Request(long objectBytes, int nodes, long seconds) {
        try {
            return S3Request.fitting(objectBytes, concurrency, seconds, nodes, Runtime.getRuntime().maxMemory());
        } catch (IllegalArgumentException e) {
            throw new UsageException("accept: " + e.getMessage());
        }
    }

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        if (hosts.isEmpty()) {
            throw new UsageException("accept: --limit matches no host of the inventory");
        }
        HardwareProfile chosen = HardwareProfiles.load(profile != null ? profile : ProfileChoice.profileOf(Optional.of(inventory)));
        long seconds = DurationText.parse(duration).toSeconds();
        if (seconds < 1) {
            throw new UsageException("accept: --duration must be at least 1s, was " + duration);
        }
        if (streams < 1 || streams > 128) {
            throw new UsageException("accept: --streams must be between 1 and 128, was " + streams);
        }
        // With no part named, every part runs; the S3 part then loads only the hosts that run a node and says of the
        // others why it skipped them, so that accept still measures the hardware of hosts where nothing is installed yet.
        boolean every = !drives && !network && !s3;
        DriveRequest driveRequest = drives || every ? DriveRequest.of(ByteSize.parse(size).bytes(), seconds) : null;
        NetworkRequest networkRequest = network || every ? new NetworkRequest(seconds, streams) : null;
        // Named, a load the controller cannot hold is refused here; with every part, Accept skips the nodes instead.
        S3Request s3Request = s3 ? s3Request(ByteSize.parse(objectSize).bytes(), hosts.size(), seconds)
                : every ? s3Request(ByteSize.parse(objectSize).bytes(), 0, seconds) : null;
        // Resolved where node install and status resolve it, and only once a node is to be loaded; a Secret never prints
        // its value.
        Accept.S3Part s3Part = s3Request == null ? null : new Accept.S3Part(s3Request, () -> {
            if (inventory.node() == null) {
                throw new InvalidConfigException("the inventory has no node section: no S3 port or root user to load the nodes with");
            }
            return S3Access.of(inventory, Secret.of(inventory.node().rootPassword().resolve()));
        }, every);
        Connections connections = new Connections(inventory, hosts, fanout.acceptNewHostKeys());
        AcceptResult result = Accept.run(chosen, hosts, connections::open, driveRequest, networkRequest, s3Part,
                fanout.parallel(hosts.size()), terminal);
        Path file = Accept.write(result, RunStore.standard().runsDir().resolve(RunIds.next(Instant.now())));
        if (terminal.json()) {
            terminal.printJson(result);
        } else {
            AcceptText.print(result, terminal);
            terminal.println("written: " + file);
        }
        return result.exitCode().code();
    }
}
