package dev.aistorctl.cli.lab;

import java.util.concurrent.Callable;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down",
        description = "Stop the lab and remove everything it made: containers, mounts, loop devices, namespaces, bridge, state. Safe to repeat and after a crash.",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab down", "  sudo aistorctl lab down --name rack2"})
final class LabDownCommand implements Callable<Integer> {

    @Mixin
    LabName lab;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        Lab.standard().down(lab.value, terminal::progress);
        terminal.println("lab " + lab.value + " is down; nothing of it is left");
        return ExitCode.OK.code();
    }
}
