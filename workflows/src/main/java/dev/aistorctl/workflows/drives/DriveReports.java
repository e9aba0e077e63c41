package dev.aistorctl.workflows.drives;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.drives.DriveDiscovery;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.storagenode.drives.HostDrives;
import dev.aistorctl.workflows.facts.Bundles;
import dev.aistorctl.workflows.facts.HostBundle;

/** Every host's devices and which the pool's rule takes, as {@code drives} and {@code provision} show them. */
public final class DriveReports {
    private DriveReports() {
    }

    /** The report made from bundles already gathered. */
    public static DrivesReport of(Bundles bundles) {
        Optional<Inventory> inventory = bundles.inventory();
        Optional<String> cluster = inventory.map(i -> i.cluster().name());
        List<HostDrives> hosts = new ArrayList<>();
        for (HostBundle host : bundles.hosts()) {
            if (!host.reachable()) {
                hosts.add(HostDrives.unreachable(host.host(), host.error()));
                continue;
            }
            Optional<InventoryHost> entry = inventory.flatMap(i -> i.hosts().stream().filter(h -> h.name().equals(host.host())).findFirst());
            Optional<DriveRule> rule = entry.map(InventoryHost::drives);
            hosts.add(DriveDiscovery.discover(host.host(), host.bundle(), entry.map(InventoryHost::pool), rule, cluster));
        }
        return DrivesReport.of(cluster.orElse(null), hosts);
    }
}
