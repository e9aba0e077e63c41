package dev.aistorctl.cli.inventory;

import picocli.CommandLine.Command;

@Command(name = "import",
        description = "Write an inventory from another tool's inventory.",
        subcommands = {ImportAnsibleCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory import ansible hosts.ini --out inventory.yaml"
        })
final class ImportCommand {
}
