package dev.aistorctl.cli.lab;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prepare",
        description = "Check the lab's prerequisites and build the cached Debian 12 root its hosts run on (before going offline, or in CI).",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab prepare", "  sudo aistorctl lab prepare --install-prereqs"})
final class LabPrepareCommand implements Callable<Integer> {

    @Option(names = "--install-prereqs", description = "Install missing Debian packages with apt-get.")
    boolean installPrereqs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        Path root = Lab.standard().prepare(installPrereqs, terminal::progress);
        terminal.println("lab root filesystem ready: " + root);
        return ExitCode.OK.code();
    }
}
