package dev.aistorctl.cli.demo;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.Version;
import dev.aistorctl.workflows.demo.Demo;
import dev.aistorctl.workflows.demo.DemoRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
        description = "The whole tool in one go on this machine: lab hosts (containers with loop drives) brought up, provisioned "
                + "from blank drives to a healthy cluster, proven with S3 round trips, and torn down again. Needs root.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl demo                                # from a root shell (a fresh server may have no sudo)",
            "  aistorctl demo --hosts 4 --drives 8 --keep",
            "  sudo aistorctl demo                           # from any other shell",
            "",
            "Exit 0 when the cluster came up healthy, 1 when provisioning or the proof failed, 2 when not run as root."
        })
public final class DemoCommand extends CliCommand {
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

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        return new Demo(new DemoRequest(labName, hosts, drives, keep, Version.number()), terminal.asText()).run();
    }
}
