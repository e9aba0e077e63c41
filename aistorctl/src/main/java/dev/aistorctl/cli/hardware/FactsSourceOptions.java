package dev.aistorctl.cli.hardware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.remote.Connections;
import dev.aistorctl.cli.remote.FanoutOptions;
import dev.aistorctl.cli.remote.ProgressLines;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.hwcheck.FactsCollection;
import dev.aistorctl.hwcheck.facts.GatheredHost;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where facts come from: the inventory's hosts over SSH (default), saved capture bundles, or this machine. */
final class FactsSourceOptions {

    @Option(names = "--from-capture", paramLabel = "DIR",
            description = "Replay saved capture bundles instead of connecting: DIR is one bundle, or one bundle per host in subdirectories named after the hosts.")
    Path fromCapture;

    @Option(names = "--local", description = "Gather this machine's facts (OSHI and sysfs) instead of connecting.")
    boolean local;

    @Option(names = "--save-capture", paramLabel = "DIR",
            description = "Also write each host's capture bundle to DIR/<host>/, to replay later or send to support.")
    Path saveCapture;

    @Mixin
    FanoutOptions fanout;

    /** The gathered hosts, and the inventory when the facts came from one. */
    record Collected(List<GatheredHost> hosts, Optional<Inventory> inventory) {
    }

    Collected collect(CommandSpec spec, Terminal terminal) {
        GlobalOptions global = GlobalOptions.of(spec);
        int sources = (fromCapture != null ? 1 : 0) + (local ? 1 : 0) + (global.inventoryOrNull() != null ? 1 : 0);
        if (sources != 1) {
            throw new UsageException("give exactly one source of facts: -i INVENTORY, --from-capture DIR or --local");
        }
        if (fromCapture != null) {
            if (!Files.isDirectory(fromCapture)) {
                throw new UsageException("--from-capture " + fromCapture + ": no such directory");
            }
            if (saveCapture != null) {
                throw new UsageException("--save-capture does not apply to --from-capture (the bundles are already saved)");
            }
            return new Collected(FactsCollection.fromCapture(fromCapture), Optional.empty());
        }
        Optional<Path> saveTo = Optional.ofNullable(saveCapture);
        if (local) {
            return new Collected(List.of(FactsCollection.local(saveTo)), Optional.empty());
        }
        Inventory inventory = global.loadInventory();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        Connections connections = new Connections(inventory, hosts, fanout.acceptNewHostKeys());
        List<GatheredHost> gathered = FactsCollection.gather(connections.hosts(), connections::open,
                fanout.parallel(hosts.size()), saveTo, new ProgressLines(terminal, "facts", hosts.size()));
        return new Collected(gathered, Optional.of(inventory));
    }
}
