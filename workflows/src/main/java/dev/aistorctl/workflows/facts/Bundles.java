package dev.aistorctl.workflows.facts;

import java.util.List;
import java.util.Optional;

import dev.aistorctl.inventory.Inventory;

/** The bundles, in inventory (or folder) order, and the inventory when one was given. */
public record Bundles(List<HostBundle> hosts, Optional<Inventory> inventory) {
}
