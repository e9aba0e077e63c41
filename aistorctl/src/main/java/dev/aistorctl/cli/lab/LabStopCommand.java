package dev.aistorctl.cli.lab;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop",
        description = "Stop one lab host and keep its disks, to rehearse a server going down in the middle of a run. `lab start` boots it again.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab stop lab-node2", "  sudo aistorctl lab stop lab-node2 --power-cut   # no clean shutdown, as a power loss"})
final class LabStopCommand extends CliCommand {

    @Parameters(paramLabel = "HOST", description = "The lab host, e.g. lab-node2.")
    String host;

    @Mixin
    LabName lab;

    @Option(names = "--power-cut", description = "Kill every process of the host at once instead of a clean poweroff.")
    boolean powerCut;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Lab.standard().stop(lab.value, host, powerCut, terminal::progress);
        terminal.println(host + " is stopped; start it again with: aistorctl lab start " + host
                + lab.flag());
        return ExitCode.OK.code();
    }
}
