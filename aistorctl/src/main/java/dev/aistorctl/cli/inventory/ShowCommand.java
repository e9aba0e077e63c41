package dev.aistorctl.cli.inventory;

import java.util.List;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.HostSsh;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.workflows.inventory.InventoryJson;
import dev.aistorctl.workflows.text.Table;
import picocli.CommandLine.Command;

@Command(name = "show",
        description = "Show every expanded host with its pool, address, drive rule and mount paths, how SSH reaches it (user, address, port, key, become, jump chain, and where each came from), and each pool's erasure layout.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory show -i inventory.yaml",
            "  aistorctl inventory show -i inventory.yaml --limit node01.dc1.example.net,node02.dc1.example.net",
            "  aistorctl inventory show -i inventory.yaml -o json | jq '.pools[].usable_bytes'"
        })
final class ShowCommand extends CliCommand {

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        Inventory inventory = global.loadInventory();
        List<InventoryHost> hosts = global.selectHosts(inventory);
        if (terminal.json()) {
            terminal.printJson(InventoryJson.show(inventory, hosts));
            return ExitCode.OK.code();
        }
        Table hostTable = new Table("HOST", "POOL", "ADDRESS", "DRIVES", "SELECT", "MOUNTS");
        for (InventoryHost host : hosts) {
            hostTable.row(host.name(), host.pool(), host.address(), host.drives().count(),
                    InventoryJson.describe(host.drives().select()), host.drives().mountPattern());
        }
        terminal.println(hostTable.render());
        terminal.println(sshTable(inventory, hosts).render());
        Table poolTable = new Table("POOL", "HOSTS", "DRIVES", "ERASURE SETS", "PARITY", "RAW", "USABLE");
        for (Pool pool : inventory.pools()) {
            poolTable.row(pool.name(), pool.hosts().size(), pool.layout().totalDrives(),
                    pool.layout().setCount() + " x " + pool.layout().setSize(), pool.layout().storageClass(),
                    pool.rawBytes().map(b -> new ByteSize(b).human()).orElse("unknown"),
                    pool.usableBytes().map(b -> new ByteSize(b).human()).orElse("unknown"));
        }
        terminal.println(poolTable.render().stripTrailing());
        return ExitCode.OK.code();
    }

    /** How each host is reached, and where each value came from when not the inventory's ssh section or a default. */
    private static Table sshTable(Inventory inventory, List<InventoryHost> hosts) {
        Table table = new Table("HOST", "USER", "ADDRESS", "PORT", "KEY", "BECOME", "JUMP", "FROM");
        for (InventoryHost host : hosts) {
            HostSsh ssh = inventory.sshFor(host);
            String jumps = ssh.jumps().isEmpty() ? "-" : String.join(" > ", ssh.jumps().stream().map(HostSsh.Hop::toString).toList());
            List<String> from = new java.util.ArrayList<>();
            from.add("address " + ssh.address().from());
            from.add("user " + ssh.user().from());
            from.add("port " + ssh.port().from());
            from.add("key " + ssh.identityFile().from());
            from.add("become " + ssh.become().from());
            if (!ssh.jumps().isEmpty()) {
                from.add("jump " + ssh.jumpsFrom());
            }
            table.row(host.name(), ssh.user().value(), ssh.address().value(), ssh.port().value(), ssh.identityFile().value(),
                    ssh.become().value().toString().toLowerCase(java.util.Locale.ROOT), jumps, String.join(", ", from));
        }
        return table;
    }
}
