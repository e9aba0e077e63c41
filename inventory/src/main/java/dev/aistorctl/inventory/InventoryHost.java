package dev.aistorctl.inventory;

import java.util.List;

/**
 * One server as the rest of aistorctl sees it.
 *
 * @param name    the name from the pool, used in every message about the host
 * @param address what SSH connects to: the override from {@code hosts:}, else the name
 * @param pool    the name of the pool the host belongs to
 */
public record InventoryHost(String name, String address, String pool, DriveRule drives, List<String> mountPaths) {
    public InventoryHost {
        mountPaths = List.copyOf(mountPaths);
    }
}
