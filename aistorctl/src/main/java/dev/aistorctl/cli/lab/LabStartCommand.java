package dev.aistorctl.cli.lab;

import java.util.concurrent.Callable;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "start",
        description = "Boot a stopped lab host again, with its disks as they were; returns when it accepts SSH.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab start lab-node2"})
final class LabStartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST", description = "The lab host, e.g. lab-node2.")
    String host;

    @Mixin
    LabName lab;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        LabStatusCommand.print(Lab.standard().start(lab.value, host, terminal::progress), terminal);
        return ExitCode.OK.code();
    }
}
