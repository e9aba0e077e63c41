package dev.aistorctl.workflows.accept;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.health.HealthProbe;
import dev.aistorctl.storagenode.minio.Secret;
import java.util.List;

/**
 * How the controller reaches every node's S3 API: the inventory's port and root user, and the root
 * credential resolved where node install and status resolve it. The credential is a {@link Secret}: it
 * prints as {@code <redacted>} wherever this record does.
 */
public record S3Access(int port, String user, Secret credential, Flavour flavour) {

    public static S3Access of(Inventory inventory, Secret credential) {
        return new S3Access(inventory.node().apiPort(), inventory.node().rootUser(), credential, inventory.node().flavour());
    }

    String endpoint(InventoryHost host) {
        return HealthProbe.url(host.address(), port);
    }

    /** The data mounts the server writes objects to: every one for MinIO, the first for S3Proxy (its one base directory). */
    List<String> servedMounts(InventoryHost host) {
        List<String> mounts = host.mountPaths();
        return flavour == Flavour.S3PROXY && !mounts.isEmpty() ? List.of(mounts.get(0)) : mounts;
    }
}
