package dev.aistorctl.cli.lab;

import java.nio.file.Path;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prepare",
        description = "Check the lab's prerequisites and build the cached Debian 12 root its hosts run on (before going offline, or in CI).",
        footerHeading = "%nExamples:%n",
        footer = {"  sudo aistorctl lab prepare", "  sudo aistorctl lab prepare --install-prereqs"})
final class LabPrepareCommand extends CliCommand {

    @Option(names = "--install-prereqs", description = "Install missing Debian packages with apt-get.")
    boolean installPrereqs;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Path root = Lab.standard().prepare(installPrereqs, terminal::progress);
        terminal.println("lab root filesystem ready: " + root);
        return ExitCode.OK.code();
    }
}
