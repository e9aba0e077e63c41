package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One parse of a known_hosts file shared by every connection's verifier, and what each verifier still decides alone. */
class KnownHostsEntriesTest {

    @Test
    void verifiers_of_one_file_share_its_parsed_entries(@TempDir Path dir) throws Exception {
        PublicKey a = newKey();
        PublicKey b = newKey();
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("10.0.0.1", a) + line("10.0.0.2", b));

        KnownHostsVerifier first = new KnownHostsVerifier(file, false);
        KnownHostsVerifier second = new KnownHostsVerifier(file, false);

        assertThat(first.entries()).hasSize(2);
        assertThat(second.entries()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(second.entries().get(i)).isSameAs(first.entries().get(i));
        }
        assertThat(second.verify("10.0.0.1", 22, a)).isTrue();
        assertThat(second.verify("10.0.0.2", 22, b)).isTrue();
    }

    @Test
    void a_changed_key_is_still_refused_by_every_verifier_sharing_the_entries(@TempDir Path dir) throws Exception {
        PublicKey known = newKey();
        PublicKey other = newKey();
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("10.0.0.1", known));

        for (int i = 0; i < 2; i++) {
            KnownHostsVerifier v = new KnownHostsVerifier(file, true);
            assertThat(v.verify("10.0.0.1", 22, other)).isFalse();
            assertThat(v.rejection()).get().asString().startsWith("HOST KEY CHANGED for 10.0.0.1");
        }
        assertThat(Files.readString(file)).isEqualTo(line("10.0.0.1", known));
    }

    @Test
    void a_key_recorded_after_the_parse_is_seen_by_the_next_verifier_only(@TempDir Path dir) throws Exception {
        PublicKey a = newKey();
        PublicKey added = newKey();
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("10.0.0.1", a));
        KnownHostsVerifier before = new KnownHostsVerifier(file, false);

        Files.writeString(file, line("10.0.0.9", added), StandardOpenOption.APPEND);
        KnownHostsVerifier after = new KnownHostsVerifier(file, false);

        assertThat(after.verify("10.0.0.9", 22, added)).isTrue();
        assertThat(before.verify("10.0.0.9", 22, added)).isFalse();
        assertThat(before.rejection()).get().asString().contains("is not in " + file);
    }

    @Test
    void a_key_recorded_under_accept_new_joins_that_verifier_not_the_shared_entries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("10.0.0.1", newKey()));
        KnownHostsVerifier recording = new KnownHostsVerifier(file, true);
        KnownHostsVerifier sharing = new KnownHostsVerifier(file, false);
        PublicKey fresh = newKey();

        assertThat(recording.verify("10.0.0.5", 22, fresh)).isTrue();

        assertThat(recording.entries()).hasSize(2);
        assertThat(sharing.entries()).hasSize(1);
        assertThat(new KnownHostsVerifier(file, false).verify("10.0.0.5", 22, fresh)).isTrue();
    }

    @Test
    void hashed_entries_verify_correctly_from_many_connections_at_once(@TempDir Path dir) throws Exception {
        // A hashed entry's matcher keeps one MAC: shared between handshakes, its use must not interleave.
        int hosts = 16;
        List<PublicKey> keys = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            keys.add(newKey());
            text.append(hashedLine("10.0.1." + i, keys.get(i), i));
        }
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, text);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(() -> {
                    int verified = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < hosts; i++) {
                            KnownHostsVerifier v = new KnownHostsVerifier(file, false);
                            if (v.verify("10.0.1." + i, 22, keys.get(i)) && !v.verify("10.0.1." + i, 22, keys.get((i + 1) % hosts))) {
                                verified++;
                            }
                        }
                    }
                    return verified;
                });
            }
            for (Future<Integer> f : pool.invokeAll(work)) {
                assertThat(f.get()).isEqualTo(20 * hosts);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An ECDSA P-256 key: made in a millisecond, where an RSA key takes a good part of a second on a loaded machine. */
    private static PublicKey newKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair().getPublic();
    }

    private static String blob(PublicKey key) {
        return Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    private static String line(String host, PublicKey key) {
        return host + " ecdsa-sha2-nistp256 " + blob(key) + "\n";
    }

    /** The line ssh-keygen -H writes: |1|salt|HMAC-SHA1(salt, host). */
    private static String hashedLine(String host, PublicKey key, int seed) throws Exception {
        byte[] salt = new byte[20];
        salt[0] = (byte) seed;
        salt[19] = (byte) (seed * 7 + 1);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " ecdsa-sha2-nistp256 " + blob(key) + "\n";
    }
}
