package dev.aistorctl.inventory;

import java.util.Optional;

/** The cluster as a whole: its name and the profiles its hosts are checked and tuned against. */
public record Cluster(String name, Optional<ProfileRef> hardwareProfile, Optional<ProfileRef> tuningProfile) {
}
