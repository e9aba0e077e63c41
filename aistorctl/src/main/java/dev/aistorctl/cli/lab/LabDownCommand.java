package dev.aistorctl.cli.lab;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down",
        description = "Stop the lab and remove everything it made: containers, mounts, loop devices, namespaces, bridge, state. Safe to repeat and after a crash.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab down", "  sudo aistorctl lab down --name rack2"})
final class LabDownCommand extends CliCommand {

    @Mixin
    LabName lab;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Lab.standard().down(lab.value, terminal::progress);
        terminal.println("lab " + lab.value + " is down; nothing of it is left");
        return ExitCode.OK.code();
    }
}
