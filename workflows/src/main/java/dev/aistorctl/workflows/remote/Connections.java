package dev.aistorctl.workflows.remote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.ssh.JumpHost;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.inventory.HostSsh;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SshConfig;

/** Turns each host's SSH settings (see {@link Inventory#sshFor}) into an SSH connection, one per host. */
public final class Connections {
    private final Map<String, SshSettings> settings = new LinkedHashMap<>();

    public Connections(Inventory inventory, List<InventoryHost> hosts, boolean acceptNewHostKeys) {
        SshConfig ssh = inventory.ssh();
        for (InventoryHost host : hosts) {
            HostSsh how = inventory.sshFor(host);
            SshSettings settings = SshSettings.builder(host.name(), how.identityFile().value(), ssh.knownHosts())
                    .address(how.address().value())
                    .port(how.port().value())
                    .user(how.user().value())
                    .become(how.become().value())
                    .jumps(how.jumps().stream().map(j -> new JumpHost(j.user(), j.address(), j.port(), j.identityFile())).toList())
                    .connectTimeout(ssh.connectTimeout())
                    .commandTimeout(ssh.commandTimeout())
                    .acceptNewHostKeys(acceptNewHostKeys)
                    .build();
            this.settings.put(host.name(), settings);
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
