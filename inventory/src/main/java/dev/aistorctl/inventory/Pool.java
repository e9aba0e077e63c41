package dev.aistorctl.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A MinIO server pool: hosts with the same drives, erasure-coded together.
 *
 * @param hostPattern the hosts as written (a pattern, or the list items joined by commas)
 * @param hosts       the host names after range expansion, in order
 */
public record Pool(String name, String hostPattern, List<String> hosts, DriveRule drives, ErasureLayout layout) {
    public Pool {
        hosts = List.copyOf(hosts);
    }

    /** Raw bytes, when the selector bounds drive size from below (the smallest drive it accepts). */
    public Optional<Long> rawBytes() {
        return drives.select().minSize().map(size -> layout.rawBytes(size.bytes()));
    }

    /** Usable bytes after erasure coding at default parity, when drive size is known from {@code min_size}. */
    public Optional<Long> usableBytes() {
        return drives.select().minSize().map(size -> layout.usableBytes(size.bytes()));
    }
}
