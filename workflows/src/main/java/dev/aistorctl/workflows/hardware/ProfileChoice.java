package dev.aistorctl.workflows.hardware;

import java.util.Optional;

import dev.aistorctl.inventory.Inventory;

/** Which hardware profile a cluster is checked against when no one names one. */
public final class ProfileChoice {
    public static final String DEFAULT_PROFILE = "ampere-altra-m128";

    private ProfileChoice() {
    }

    /** The inventory's cluster.hardware_profile, else {@link #DEFAULT_PROFILE}. */
    public static String profileOf(Optional<Inventory> inventory) {
        return inventory.flatMap(i -> i.cluster().hardwareProfile()).map(Object::toString).orElse(DEFAULT_PROFILE);
    }
}
