package dev.aistorctl.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.aistorctl.cli.Main;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.journal.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        description = "The whole tool in one go on this machine: lab hosts (containers with loop drives) brought up, provisioned "
                + "from blank drives to a healthy cluster, proven with S3 round trips, and torn down again. Needs root.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo aistorctl demo",
            "  sudo aistorctl demo --hosts 4 --drives 8 --keep",
            "",
            "Exit 0 when the cluster came up healthy, 1 when provisioning or the proof failed, 2 when not run as root."
        })
public final class DemoCommand implements Callable<Integer> {
    static final String LAB = "lab";

    @Option(names = "--hosts", defaultValue = "3", paramLabel = "N", description = "Lab hosts (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--drives", defaultValue = "4", paramLabel = "M", description = "Data drives per host (default: ${DEFAULT-VALUE}).")
    int drives;

    @Option(names = "--keep", description = "Leave the lab up at the end to explore it; the commands to do so and to tear it down are printed.")
    boolean keep;

    /** Tests run the demo on a lab of their own, so they never take down an engineer's lab. */
    @Option(names = "--lab-name", defaultValue = LAB, hidden = true)
    String labName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new UsageException("demo needs root (it boots containers and attaches loop devices): sudo aistorctl demo");
        }
        LabSpec labSpec;
        try {
            labSpec = new LabSpec(labName, hosts, drives, 2L << 30, false);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Lab lab = Lab.standard();
        terminal.progress("demo: lab prepare --install-prereqs (missing Debian packages are installed with apt-get; "
                + "the hosts' root filesystem is built once and cached)");
        lab.prepare(true, terminal::progress);
        RunStore store = RunStore.standard();
        int code = ExitCode.HOST_FAILED.code();
        LabState state = null;
        try {
            terminal.progress("demo: lab up --name " + labName + " --hosts " + hosts + " --drives " + drives);
            state = lab.up(labSpec, terminal::progress);
            String inventory = state.inventory().toString();
            terminal.progress("demo: provision -i " + inventory + " --yes --wipe-drives");
            int provision = Main.execute(terminal.out(), terminal.err(), "provision", "-i", inventory, "--yes", "--wipe-drives");
            Optional<Path> document = newestProvisionJson(store);
            if (provision == ExitCode.OK.code()) {
                terminal.progress("demo: status --probe -i " + inventory);
                code = Main.execute(terminal.out(), terminal.err(), "status", "-i", inventory, "--probe");
            } else {
                code = provision;
            }
            terminal.println("");
            document.ifPresent(p -> terminal.println("provision record: " + p));
            if (spec.root().subcommands().containsKey("report") && document.isPresent()) {
                // The as-built document is made from the record just written; its command prints the file's path.
                StringWriter path = new StringWriter();
                PrintWriter to = new PrintWriter(path);
                if (Main.execute(to, terminal.err(), "report", "--run", document.get().getParent().getFileName().toString()) == 0) {
                    to.flush();
                    terminal.println("as-built report:  " + path.toString().strip());
                }
            }
            terminal.println(code == ExitCode.OK.code() ? "demo: cluster " + labName + " provisioned, healthy and proven"
                    : "demo: FAILED (exit " + code + "); see the output above");
            return code;
        } finally {
            if (keep && state != null) {
                terminal.println("");
                terminal.println("The lab is left up. To explore it:");
                terminal.println("  aistorctl status -i " + state.inventory() + " --probe");
                terminal.println("  aistorctl drives -i " + state.inventory());
                terminal.println("  ssh -i " + state.clientKey() + " -o UserKnownHostsFile=" + state.knownHosts()
                        + " root@" + state.hosts().get(0).address());
                terminal.println("To tear it down:");
                terminal.println("  sudo aistorctl lab down --name " + labName);
            } else if (!keep) {
                terminal.progress("demo: lab down --name " + labName);
                lab.down(labName, terminal::progress);
            }
        }
    }

    /** The provision just made: the newest run directory holding a provision.json. */
    private static Optional<Path> newestProvisionJson(RunStore store) {
        if (!Files.isDirectory(store.runsDir())) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(store.runsDir())) {
            List<Path> files = new ArrayList<>();
            dirs.filter(d -> RunIds.isRunId(d.getFileName().toString())).map(d -> d.resolve("provision.json"))
                    .filter(Files::isRegularFile).forEach(files::add);
            return files.stream().max(Comparator.comparing(p -> p.getParent().getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
