package dev.aistorctl.cli.inventory;

import picocli.CommandLine.Command;

@Command(name = "inventory",
        description = "Check and show an inventory.",
        subcommands = {ValidateCommand.class, ShowCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory validate -i inventory.yaml",
            "  aistorctl inventory show -i inventory.yaml --limit 'node0[1-4]*' -o json"
        })
public final class InventoryCommand {
}
