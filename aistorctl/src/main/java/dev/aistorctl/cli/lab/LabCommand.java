package dev.aistorctl.cli.lab;

import picocli.CommandLine.Command;

@Command(name = "lab",
        description = "Local lab hosts to rehearse an install: Debian 12 containers with systemd, sshd and loop-device drives (needs root).",
        subcommands = {LabPrepareCommand.class, LabUpCommand.class, LabStatusCommand.class, LabStopCommand.class,
            LabStartCommand.class, LabDownCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo aistorctl lab up --hosts 3 --drives 4",
            "  sudo aistorctl lab status -o json",
            "  sudo aistorctl verify-hardware -i ~/.aistorctl/lab/lab/inventory.yaml",
            "  sudo aistorctl lab down"
        })
public final class LabCommand {
}
