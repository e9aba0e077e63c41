package dev.aistorctl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.facts.FactsCollection;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.facts.Bundles;
import dev.aistorctl.workflows.facts.HostBundle;
import dev.aistorctl.workflows.remote.Connections;
import dev.aistorctl.workflows.remote.ProgressLines;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where facts come from: the inventory's hosts over SSH (default), saved capture bundles, or this machine. */
public final class FactsSourceOptions {

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
    public record Collected(List<GatheredHost> hosts, Optional<Inventory> inventory) {
    }

    public boolean acceptNewHostKeys() {
        return fanout.acceptNewHostKeys();
    }

    public Collected collect(GlobalOptions global, Terminal terminal) {
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
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        Connections connections = new Connections(inventory, hosts, fanout.acceptNewHostKeys());
        List<GatheredHost> gathered = FactsCollection.gather(connections.hosts(), connections::open,
                fanout.parallel(hosts.size()), saveTo, new ProgressLines(terminal, "facts", hosts.stream().map(InventoryHost::name).toList()));
        return new Collected(gathered, Optional.of(inventory));
    }

    /**
     * The raw capture bundles, for commands that read sources beyond the assembled facts. Unlike
     * {@link #collect}, {@code -i} may come with {@code --from-capture}: the inventory then supplies
     * the rules (and, with --limit, the hosts) while the capture supplies the facts, so support can
     * replay a site's captures against its inventory.
     */
    public Bundles bundles(GlobalOptions global, Terminal terminal) {
        boolean inventoryGiven = global.inventoryOrNull() != null;
        if ((fromCapture != null ? 1 : 0) + (local ? 1 : 0) > 1 || local && inventoryGiven
                || fromCapture == null && !local && !inventoryGiven) {
            throw new UsageException("give one source of facts: -i INVENTORY, --from-capture DIR (with or without -i) or --local");
        }
        Optional<Path> saveTo = Optional.ofNullable(saveCapture);
        if (fromCapture != null) {
            if (!Files.isDirectory(fromCapture)) {
                throw new UsageException("--from-capture " + fromCapture + ": no such directory");
            }
            if (saveCapture != null) {
                throw new UsageException("--save-capture does not apply to --from-capture (the bundles are already saved)");
            }
            Map<String, CaptureBundle> captured = CaptureBundle.hostsIn(fromCapture);
            if (!inventoryGiven) {
                List<HostBundle> out = new ArrayList<>();
                captured.forEach((host, bundle) -> out.add(new HostBundle(host, bundle, null)));
                return new Bundles(out, Optional.empty());
            }
            Inventory inventory = global.loadInventory();
            List<HostBundle> out = new ArrayList<>();
            for (InventoryHost host : global.selectHosts(inventory)) {
                CaptureBundle bundle = captured.get(host.name());
                out.add(new HostBundle(host.name(), bundle, bundle == null
                        ? "no capture for this host in " + fromCapture + " (folders there: " + String.join(", ", captured.keySet()) + ")"
                        : null));
            }
            return new Bundles(out, Optional.of(inventory));
        }
        if (local) {
            String host = localHostName();
            try (LocalConnector connector = new LocalConnector(host)) {
                CaptureBundle bundle = Gatherer.gather(connector).withHost(host);
                saveTo.ifPresent(dir -> bundle.write(dir.resolve(host)));
                return new Bundles(List.of(new HostBundle(host, bundle, null)), Optional.empty());
            }
        }
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        Connections connections = new Connections(inventory, hosts, fanout.acceptNewHostKeys());
        List<HostBundle> out = new ArrayList<>();
        for (HostOutcome<CaptureBundle> o : FactsCollection.gatherBundles(connections.hosts(), connections::open,
                fanout.parallel(hosts.size()), saveTo, new ProgressLines(terminal, "drives", hosts.stream().map(InventoryHost::name).toList()))) {
            out.add(new HostBundle(o.host(), o.value(), o.ok() ? null : o.error()));
        }
        return new Bundles(out, Optional.of(inventory));
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
