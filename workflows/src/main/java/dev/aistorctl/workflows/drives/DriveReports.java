package dev.aistorctl.workflows.drives;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.facts.capture.CaptureBundle;
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
        List<HostDrives> hosts = new ArrayList<>();
        for (HostBundle host : bundles.hosts()) {
            hosts.add(host.reachable() ? host(host.host(), host.bundle(), bundles.inventory())
                    : HostDrives.unreachable(host.host(), host.error()));
        }
        return of(hosts, bundles.inventory());
    }

    /** The report of hosts each read with {@link #host} (an unreachable one with {@link HostDrives#unreachable}), in order. */
    public static DrivesReport of(List<HostDrives> hosts, Optional<Inventory> inventory) {
        return DrivesReport.of(inventory.map(i -> i.cluster().name()).orElse(null), hosts);
    }

    /** One reachable host's devices and which its pool's rule takes, from its bundle. */
    public static HostDrives host(String host, CaptureBundle bundle, Optional<Inventory> inventory) {
        Optional<InventoryHost> entry = inventory.flatMap(i -> i.hosts().stream().filter(h -> h.name().equals(host)).findFirst());
        Optional<DriveRule> rule = entry.map(InventoryHost::drives);
        return DriveDiscovery.discover(host, bundle, entry.map(InventoryHost::pool), rule, inventory.map(i -> i.cluster().name()));
    }
}
