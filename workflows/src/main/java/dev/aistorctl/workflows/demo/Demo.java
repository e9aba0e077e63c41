package dev.aistorctl.workflows.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.node.ClusterStatus;
import dev.aistorctl.workflows.node.NodeCluster;
import dev.aistorctl.workflows.node.NodeSettings;
import dev.aistorctl.workflows.provision.Provision;
import dev.aistorctl.workflows.provision.ProvisionRequest;
import dev.aistorctl.workflows.report.AsBuilt;
import dev.aistorctl.workflows.run.PlaybookRun;

/**
 * The whole tool in one go on this machine: lab hosts brought up, provisioned from blank drives to a
 * healthy cluster, proven with S3 round trips, documented, and torn down again (or kept).
 */
public final class Demo {
    private static final long PROBE_BYTES = 64L << 20;

    private final DemoRequest request;
    private final Output output;

    /** @param output where the demo speaks; the stages print text through it, for the person watching */
    public Demo(DemoRequest request, Output output) {
        this.request = request;
        this.output = output;
    }

    /** @return the exit code: 0 when the cluster came up healthy and proven */
    public int run() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new UsageException("demo needs root (it boots containers and attaches loop devices): run it from a root shell, or as sudo aistorctl demo");
        }
        LabSpec labSpec;
        try {
            labSpec = new LabSpec(request.labName(), request.hosts(), request.drives(), 2L << 30, false);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Lab lab = Lab.standard();
        output.progress("demo: lab prepare --install-prereqs (missing Debian packages are installed with apt-get; "
                + "the hosts' root filesystem is built once and cached)");
        lab.prepare(true, output::progress);
        LabState state = null;
        try {
            output.progress("demo: lab up --name " + request.labName() + " --hosts " + request.hosts() + " --drives " + request.drives());
            state = lab.up(labSpec, output::progress);
            int code = provisionAndProve(state.inventory());
            output.println(code == ExitCode.OK.code() ? "demo: cluster " + request.labName() + " provisioned, healthy and proven"
                    : "demo: FAILED (exit " + code + "); see the output above");
            return code;
        } finally {
            if (request.keep() && state != null) {
                explore(state);
            } else if (!request.keep()) {
                output.progress("demo: lab down --name " + request.labName());
                lab.down(request.labName(), output::progress);
            }
        }
    }

    /** Provision, then status --probe; the record and the as-built document named. */
    private int provisionAndProve(Path inventoryFile) {
        output.progress("demo: provision -i " + inventoryFile + " --yes --wipe-drives");
        Optional<Path> document = Optional.empty();
        int code;
        try {
            Inventory inventory = InventoryLoader.load(inventoryFile);
            Provision provision = new Provision(inventory, inventory.hosts(), new ProvisionRequest(false, true, true, List.of(),
                    Fanout.defaultParallel(inventory.hosts().size()), NodeSettings.DEFAULTS, null, request.toolVersion()), output);
            try {
                code = provision.run().exitCode().code();
            } finally {
                document = Optional.of(provision.documentFile()).filter(Files::isRegularFile);
            }
            if (code == ExitCode.OK.code()) {
                output.progress("demo: status --probe -i " + inventoryFile);
                code = status(inventory);
            }
        } catch (AistorException e) {
            // As the command would have: the error said, the demo's verdict still printed and the lab still torn down.
            output.error(e.getMessage());
            code = e.exitCode().code();
        }
        output.println("");
        document.ifPresent(p -> output.println("provision record: " + p));
        document.flatMap(this::asBuilt).ifPresent(p -> output.println("as-built report:  " + p));
        return code;
    }

    private int status(Inventory inventory) {
        NodeCluster cluster = new NodeCluster(inventory, false, PlaybookRun.redactorFor(inventory));
        ClusterStatus status = ClusterStatus.read(cluster, output, PROBE_BYTES);
        output.println(status.text(output));
        return status.ok() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
    }

    /** The as-built document made from the record just written. */
    private Optional<Path> asBuilt(Path document) {
        return attempt(() -> AsBuilt.write(document.getParent(), null).file());
    }

    private <T> Optional<T> attempt(Supplier<T> work) {
        try {
            return Optional.of(work.get());
        } catch (AistorException e) {
            output.error(e.getMessage());
            return Optional.empty();
        }
    }

    private void explore(LabState state) {
        howToExplore(state.inventory(), state.clientKey(), state.knownHosts(), state.hosts().get(0).address(),
                request.labName(), System.getenv("SUDO_USER") != null).forEach(output::println);
    }

    /**
     * What to type next, as the shell that started the demo runs it: every command through sudo when the demo was
     * started with sudo (the lab's inventory, key and known_hosts are root's, so even {@code status} needs it),
     * none from a root shell, which on a fresh server may have no sudo.
     */
    static List<String> howToExplore(Path inventory, Path key, Path knownHosts, String address, String labName,
                                     boolean throughSudo) {
        String sudo = throughSudo ? "sudo " : "";
        return List.of("",
                "The lab is left up. To explore it:",
                "  " + sudo + "aistorctl status -i " + inventory + " --probe",
                "  " + sudo + "aistorctl drives -i " + inventory,
                "  " + sudo + "ssh -i " + key + " -o UserKnownHostsFile=" + knownHosts + " root@" + address,
                "To tear it down:",
                "  " + sudo + "aistorctl lab down --name " + labName);
    }
}
