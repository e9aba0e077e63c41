package dev.aistorctl.cli.inventory;

import java.nio.file.Path;
import java.util.List;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.inventory.InvalidInventoryException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.workflows.inventory.InventoryJson;
import picocli.CommandLine.Command;

@Command(name = "validate",
        description = "Check an inventory and report every problem at once, each with file:line:col and a hint.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory validate -i inventory.yaml",
            "  aistorctl inventory validate -i inventory.yaml -o json | jq '.problems[].message'",
            "",
            "Exit 0 when valid, 4 when not."
        })
final class ValidateCommand extends CliCommand {

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Path file = global.requireInventory();
        try {
            Inventory inventory = InventoryLoader.load(file);
            if (terminal.json()) {
                terminal.printJson(InventoryJson.validation(file, inventory, List.of()));
            } else {
                terminal.println(terminal.style("@|green valid|@ ") + file + ": " + summary(inventory));
            }
            return ExitCode.OK.code();
        } catch (InvalidInventoryException invalid) {
            if (terminal.json()) {
                terminal.printJson(InventoryJson.validation(file, null, invalid.problems()));
            } else {
                invalid.problems().forEach(problem -> terminal.println(problem.render()));
            }
            int count = invalid.problems().size();
            terminal.error(file + ": " + count + (count == 1 ? " problem" : " problems"));
            return ExitCode.INVALID_CONFIG.code();
        }
    }

    private static String summary(Inventory inventory) {
        int hosts = inventory.hosts().size();
        int drives = inventory.hosts().stream().mapToInt(h -> h.mountPaths().size()).sum();
        return "cluster " + inventory.cluster().name() + ", " + inventory.pools().size()
                + (inventory.pools().size() == 1 ? " pool, " : " pools, ") + hosts + (hosts == 1 ? " host, " : " hosts, ")
                + drives + (drives == 1 ? " drive" : " drives");
    }

}
