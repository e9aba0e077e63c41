package dev.aistorctl.cli.lab;

import java.util.concurrent.Callable;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stop",
        description = "Stop one lab host and keep its disks, to rehearse a server going down in the middle of a run. `lab start` boots it again.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab stop lab-node2", "  sudo aistorctl lab stop lab-node2 --power-cut   # no clean shutdown, as a power loss"})
final class LabStopCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST", description = "The lab host, e.g. lab-node2.")
    String host;

    @Mixin
    LabName lab;

    @Option(names = "--power-cut", description = "Kill every process of the host at once instead of a clean poweroff.")
    boolean powerCut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        Lab.standard().stop(lab.value, host, powerCut, terminal::progress);
        terminal.println(host + " is stopped; start it again with: aistorctl lab start " + host
                + lab.flag());
        return ExitCode.OK.code();
    }
}
