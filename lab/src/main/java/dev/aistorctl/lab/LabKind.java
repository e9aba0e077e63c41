package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;
import java.util.Locale;

/**
 * What a lab host is: a container sharing this machine's kernel (seconds to boot, little memory),
 * or a virtual machine with its own kernel, NVMe drives behind PCIe ports and a NIC with a speed
 * (slow under emulation, a few hundred MiB each).
 */
public enum LabKind {
    CONTAINER, VM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LabKind parse(String text) {
        for (LabKind k : values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        throw new UsageException("lab kind '" + text + "' must be container or vm");
    }
}
