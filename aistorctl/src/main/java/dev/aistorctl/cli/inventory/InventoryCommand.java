package dev.aistorctl.cli.inventory;

import picocli.CommandLine.Command;

@Command(name = "inventory",
        description = "Write an inventory from racked servers or an Ansible inventory, check it and show it.",
        subcommands = {InitCommand.class, ImportCommand.class, ValidateCommand.class, ShowCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory init --hosts 'node{01...08}' --ssh-user root --out inventory.yaml",
            "  aistorctl inventory import ansible hosts.ini --out inventory.yaml",
            "  aistorctl inventory validate -i inventory.yaml",
            "  aistorctl inventory show -i inventory.yaml --limit 'node0[1-4]*' -o json"
        })
public final class InventoryCommand {
}
