package dev.aistorctl.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * A lab as it is now: where its files are and what each host is doing. Everything the CLI prints
 * comes from here.
 *
 * @param subnet             the lab's private /24, e.g. 10.213.57.0/24
 * @param controllerAddress  the bridge's address in the root namespace, the controller's side of the lab
 * @param clientKey          the private ed25519 key authorised for root on every host
 * @param knownHosts         every host's key, under its address and its name
 * @param inventory          a version 1 inventory of the lab
 * @param rootPasswordFile   the storage node's root password (mode 0600), referenced by the inventory
 */
public record LabState(String name, Path stateDir, String subnet, String bridge, String controllerAddress,
                       Path clientKey, Path knownHosts, Path inventory, Path rootPasswordFile, List<LabHost> hosts) {
    public LabState {
        hosts = List.copyOf(hosts);
    }

    public boolean allRunning() {
        return !hosts.isEmpty() && hosts.stream().allMatch(h -> h.state() == HostState.RUNNING);
    }
}
