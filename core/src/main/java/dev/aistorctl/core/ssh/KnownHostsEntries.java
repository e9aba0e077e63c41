package dev.aistorctl.core.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * A known_hosts file parsed once per process and version of the file, its entries shared by every connection that
 * verifies against it. Each connection used to parse the whole file for itself and keep the result for its life (SSHJ
 * checks the host key again at each re-key): with one kept connection per host and every host in one file, N hosts
 * kept N x N parsed entries, about 260 bytes each (68 MB at 512 hosts).
 *
 * <p>The file is parsed again when its size, modification time or identity changed (a key recorded under accept-new, an
 * entry removed with ssh-keygen -R), so a connection sees the file as it is when it starts, as before.
 */
final class KnownHostsEntries {
    private static final Map<Path, KnownHostsEntries> PARSED = new ConcurrentHashMap<>();

    /** Size, modification time and file key: what tells that the file changed since it was parsed. */
    private record Version(long size, FileTime modified, Object fileKey) {
    }

    private final Version version;
    private final List<KnownHostEntry> entries;

    private KnownHostsEntries(Version version, List<KnownHostEntry> entries) {
        this.version = version;
        this.entries = entries;
    }

    /** The entries of {@code file} as it is now: parsed now if it changed since it was last parsed; none if it is absent. */
    static KnownHostsEntries of(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Version now = versionOf(key);
        try {
            // compute: connections starting together parse a new version once, not once each.
            return PARSED.compute(key, (k, known) -> known != null && Objects.equals(known.version, now) ? known
                    : new KnownHostsEntries(now, now == null ? List.of() : parse(k)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<KnownHostEntry> parse(Path file) {
        try {
            return List.copyOf(new OpenSSHKnownHosts(file.toFile()).entries());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Version versionOf(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    /** The parsed entries, shared: read them only under {@link #lock()}. */
    List<KnownHostEntry> entries() {
        return entries;
    }

    /**
     * The lock every reader of these entries holds: a hashed entry's matcher keeps a MAC of its own, which is not safe
     * to use from two connections' handshakes at once.
     */
    Object lock() {
        return this;
    }
}
