package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this machine has the memory the VM hosts asked for, checked before anything starts. */
final class GuestMemory {
    /** QEMU's own memory per guest on top of the guest's RAM (device models, code cache under TCG). */
    static final long OVERHEAD_MIB = 128;

    private GuestMemory() {
    }

    static void check(LabSpec spec, long availableMiB) {
        long needed = spec.hosts() * (spec.memoryMiB() + OVERHEAD_MIB);
        if (needed > availableMiB) {
            throw new LabException("lab " + spec.name() + ": not enough free memory for " + spec.hosts() + " VM hosts: they need "
                    + needed + " MiB (" + spec.hosts() + " x (" + spec.memoryMiB() + " MiB guest + " + OVERHEAD_MIB
                    + " MiB QEMU)), this machine has " + availableMiB + " MiB available (MemAvailable); nothing was started");
        }
    }

    static long availableMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new LabException("lab: cannot read /proc/meminfo: " + e.getMessage(), e);
        }
        throw new LabException("lab: no MemAvailable in /proc/meminfo");
    }
}
