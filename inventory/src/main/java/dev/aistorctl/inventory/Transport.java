package dev.aistorctl.inventory;

import java.util.Locale;

/** The bus a data drive hangs off, as {@code lsblk -o TRAN} reports it; ANY matches every one. */
public enum Transport {
    NVME, SATA, SAS, VIRTIO, ANY;

    /** The name as written in an inventory and printed by lsblk. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(String reported) {
        return this == ANY || reported != null && label().equalsIgnoreCase(reported.strip());
    }
}
