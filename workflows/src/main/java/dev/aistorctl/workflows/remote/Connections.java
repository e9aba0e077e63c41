package dev.aistorctl.workflows.remote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.ssh.JumpHost;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SshConfig;

/** Turns the inventory's ssh section and host list into SSH connections, one per host. */
public final class Connections {
    private final Map<String, SshSettings> settings = new LinkedHashMap<>();

    public Connections(Inventory inventory, List<InventoryHost> hosts, boolean acceptNewHostKeys) {
        SshConfig ssh = inventory.ssh();
        for (InventoryHost host : hosts) {
            SshSettings.Builder builder = SshSettings.builder(host.name(), ssh.identityFile(), ssh.knownHosts())
                    .address(host.address())
                    .port(ssh.port())
                    .user(ssh.user())
                    .become(ssh.become())
                    .connectTimeout(ssh.connectTimeout())
                    .commandTimeout(ssh.commandTimeout())
                    .acceptNewHostKeys(acceptNewHostKeys);
            ssh.jumpHost().ifPresent(jump ->
                    builder.jump(new JumpHost(jump.user().orElse(ssh.user()), jump.host(), jump.port())));
            settings.put(host.name(), builder.build());
        }
    }

    public List<String> hosts() {
        return List.copyOf(settings.keySet());
    }

    public Connector open(String host) {
        SshSettings hostSettings = settings.get(host);
        if (hostSettings == null) {
            throw new UsageException("no host named '" + host + "' in the inventory");
        }
        return SshConnector.connect(hostSettings);
    }
}
