package dev.aistorctl.cli.lab;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "start",
        description = "Boot a stopped lab host again, with its disks as they were; returns when it accepts SSH.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab start lab-node2"})
final class LabStartCommand extends CliCommand {

    @Parameters(paramLabel = "HOST", description = "The lab host, e.g. lab-node2.")
    String host;

    @Mixin
    LabName lab;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        LabStatusCommand.print(Lab.standard().start(lab.value, host, terminal::progress), terminal);
        return ExitCode.OK.code();
    }
}
