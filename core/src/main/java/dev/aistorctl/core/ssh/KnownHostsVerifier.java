package dev.aistorctl.core.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies host keys against an OpenSSH known_hosts file (plain and hashed names, {@code [host]:port}
 * for other ports than 22). SSHJ does the matching; this class decides what happens when nothing
 * matches, and keeps the reason so the connector can say it instead of "transport error".
 *
 * <ul>
 *   <li>Unknown host: refused with its fingerprint, unless accept-new is on; then recorded in the file.</li>
 *   <li>Known host, different key: always refused, with old and new fingerprints. A host that has keys
 *       of other types on file but not the one offered counts as changed too: a server that stops offering
 *       the key we know is as suspicious as one that changed it.</li>
 * </ul>
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    /* One JVM may connect to many hosts at once; appends to the same file must not interleave. */
    private static final Object APPEND_LOCK = new Object();

    private final Path file;
    private final KnownHostsEntries shared;
    private final boolean acceptNew;
    private volatile String rejection;
    private volatile String accepted;

    KnownHostsVerifier(Path file, boolean acceptNew) throws IOException {
        // The file's entries are parsed once and shared (see KnownHostsEntries); this verifier's own list holds them
        // and a key it records under accept-new.
        super(new StringReader(""));
        this.file = file;
        this.shared = KnownHostsEntries.of(file);
        this.acceptNew = acceptNew;
        entries.addAll(shared.entries());
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        synchronized (shared.lock()) {
            return super.verify(hostname, port, key);
        }
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        synchronized (shared.lock()) {
            return super.findExistingAlgorithms(hostname, port);
        }
    }

    /** Why the last host key was refused, in words for the user; empty when none was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** The known_hosts line recorded under accept-new, if one was. */
    Optional<String> accepted() {
        return Optional.ofNullable(accepted);
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        List<String> others = knownFingerprints(hostname);
        if (!others.isEmpty()) {
            return refuseChanged(hostname, key, others);
        }
        String type = KeyType.fromKey(key).toString();
        String fingerprint = HostKeyFingerprint.sha256(key);
        if (!acceptNew) {
            rejection = "host key of " + hostname + " is not in " + file + ": " + type + " " + fingerprint
                    + ". Compare it with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console),"
                    + " then run again with --accept-new-host-keys to record it";
            return false;
        }
        String line = hostname + " " + type + " " + Base64.getEncoder().encodeToString(blob(key));
        try {
            append(line);
            entries.add(new HostEntry(null, hostname, KeyType.fromKey(key), key));
        } catch (IOException | UncheckedIOException e) {
            rejection = "cannot record the host key of " + hostname + " (" + type + " " + fingerprint + ") in "
                    + file + ": " + e.getMessage();
            return false;
        }
        accepted = line;
        return true;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        return refuseChanged(hostname, key, knownFingerprints(hostname));
    }

    private boolean refuseChanged(String hostname, PublicKey key, List<String> known) {
        rejection = "HOST KEY CHANGED for " + hostname + ": " + file + " has " + String.join(", ", known)
                + " but the host now presents " + KeyType.fromKey(key) + " " + HostKeyFingerprint.sha256(key)
                + ". Someone may be intercepting the connection, or the host was reinstalled. Refused."
                + " If you have verified the reinstall, remove the old entry: ssh-keygen -R '" + hostname + "' -f "
                + file;
        return false;
    }

    /** "type SHA256:..." of every key on file for this host name, whatever its type. */
    private List<String> knownFingerprints(String hostname) {
        List<String> found = new ArrayList<>();
        for (KnownHostEntry e : entries) {
            try {
                if (!(e instanceof HostEntry) || !e.appliesTo(hostname)) {
                    continue;
                }
            } catch (IOException ex) {
                continue;
            }
            String[] f = e.getLine().trim().split("\\s+");
            int i = f[0].startsWith("@") ? 1 : 0;
            if (f.length < i + 3) {
                continue;
            }
            try {
                found.add(f[i + 1] + " " + HostKeyFingerprint.sha256(Base64.getDecoder().decode(f[i + 2])));
            } catch (IllegalArgumentException notBase64) {
                found.add(f[i + 1] + " (unreadable key)");
            }
        }
        return found;
    }

    private void append(String line) throws IOException {
        synchronized (APPEND_LOCK) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                long size = ch.size();
                String text = line + "\n";
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    ch.read(last, size - 1);
                    if (last.get(0) != '\n') {
                        text = "\n" + text;
                    }
                }
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), size);
                ch.force(true);
            }
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

}
