package dev.aistorctl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import picocli.CommandLine.Model.CommandSpec;

/** The root command's options as any subcommand sees them, with the common ways of using them. */
public final class GlobalOptions {
    private final AistorctlCommand root;

    private GlobalOptions(AistorctlCommand root) {
        this.root = root;
    }

    public static GlobalOptions of(CommandSpec spec) {
        Object root = spec.root().userObject();
        return new GlobalOptions(root instanceof AistorctlCommand a ? a : new AistorctlCommand());
    }

    public Path requireInventory() {
        if (root.inventory == null) {
            throw new UsageException("this command needs an inventory: -i/--inventory FILE");
        }
        return root.inventory;
    }

    public Path inventoryOrNull() {
        return root.inventory;
    }

    public Inventory loadInventory() {
        return InventoryLoader.load(requireInventory());
    }

    /** The inventory, for a command that connects to its hosts: the SSH set-up starts beside the reading. */
    public Inventory loadInventoryToConnect() {
        Path file = requireInventory();
        SshConnector.prepare();
        return InventoryLoader.load(file);
    }

    /** The hosts --limit selects, or all of them. */
    public List<InventoryHost> selectHosts(Inventory inventory) {
        return root.limit == null ? inventory.hosts() : inventory.limit(root.limit);
    }

    /** The hosts --limit selects, or all of them; none is a usage error ("no hosts {@code purpose}"). */
    public List<InventoryHost> requireHosts(Inventory inventory, String purpose) {
        List<InventoryHost> hosts = selectHosts(inventory);
        if (hosts.isEmpty()) {
            throw new UsageException("no hosts " + purpose);
        }
        return hosts;
    }

    /** A run's journaled args with --limit added when it was given. */
    public Map<String, String> withLimit(Map<String, String> args) {
        if (root.limit != null) {
            args.put("limit", root.limit);
        }
        return args;
    }

    public String limit() {
        return root.limit;
    }

    public boolean debug() {
        return root.debug;
    }
}
