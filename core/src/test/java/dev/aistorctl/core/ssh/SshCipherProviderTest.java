package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which provider runs the SSH transport's primitives: AES from the JDK (its CPU instructions), key exchange and
 * signatures from BouncyCastle (faster than the JDK's there). Pinned so that an SSHJ upgrade or a config change
 * cannot move the bulk cipher back to a plain-Java engine unnoticed.
 */
class SshCipherProviderTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Random RANDOM = new Random(16);

    @Test
    void the_first_cipher_offered_is_aes_gcm_on_the_jdks_engine() {
        Factory.Named<Cipher> first = SshConnector.clientConfig().getCipherFactories().get(0);
        assertThat(first.getName()).startsWith("aes").endsWith("-gcm@openssh.com");
        assertThat(engineProvider(first, Cipher.Mode.Encrypt)).isEqualTo("SunJCE");
    }

    @Test
    void every_aes_cipher_offered_runs_on_the_jdk_and_nothing_else_is_offered_but_chacha20() {
        for (Factory.Named<Cipher> f : SshConnector.clientConfig().getCipherFactories()) {
            if (f.getName().startsWith("chacha20-poly1305")) {
                continue; // neither AES nor in the JDK's providers under SSHJ's name: BouncyCastle's
            }
            assertThat(engineProvider(f, Cipher.Mode.Decrypt)).as(f.getName()).isEqualTo("SunJCE");
        }
    }

    @Test
    void key_exchange_and_signatures_stay_with_bouncycastle() {
        assertThat(SecurityUtils.getSecurityProvider()).isEqualTo(SecurityUtils.BOUNCY_CASTLE);
    }

    /** Same key and nonce: the JDK-backed cipher's packets are the ones SSHJ's own would send, tag included. */
    @ParameterizedTest
    @ValueSource(strings = {"aes128-gcm@openssh.com", "aes256-gcm@openssh.com"})
    void gcm_packets_are_byte_for_byte_those_of_sshjs_cipher_and_it_opens_them(String name) {
        Encrypting both = Encrypting.withTheSameKeyAndNonce(name);
        Cipher opener = stock(name).create();
        opener.init(Cipher.Mode.Decrypt, both.key(), both.iv());
        for (int packet = 0; packet < 3; packet++) {   // the nonce's counter moves on with each packet
            byte[] plain = bytes(4 + 16 * (packet + 1));
            byte[] a = sealed(both.ours(), plain);
            assertThat(a).isEqualTo(sealed(both.theirs(), plain));
            assertThat(opened(opener, a)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-ctr", "aes192-ctr", "aes256-ctr"})
    void ctr_streams_are_byte_for_byte_those_of_sshjs_cipher(String name) {
        Encrypting both = Encrypting.withTheSameKeyAndNonce(name);
        for (int packet = 0; packet < 3; packet++) {
            byte[] a = bytes(48);
            byte[] b = a.clone();
            both.ours().update(a, 0, a.length);
            both.theirs().update(b, 0, b.length);
            assertThat(a).isEqualTo(b);
        }
    }

    /**
     * A real OpenSSH server that allows one cipher only, so that the connection must run on it: a login with the
     * ed25519 key and a megabyte through stdin and back prove the JDK engine's framing end to end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes256-ctr"})
    void a_server_allowing_only_that_cipher_is_reached_and_carries_data(String cipher, @TempDir Path dir) throws Exception {
        try (TestSshd sshd = new TestSshd().withConfig("Ciphers " + cipher).start()) {
            Path key = sshd.newClientKey("ed25519", "", false);
            Path knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"), false);
            byte[] data = bytes(1 << 20);
            try (SshConnector ssh = SshConnector.connect(settings("node1", sshd, key, knownHosts).build(), NO_PASSPHRASE)) {
                ExecResult r = ssh.run(Command.of("cat"), data, T);
                assertThat(r.ok()).isTrue();
                assertThat(Arrays.equals(r.stdout(), data)).as("1 MiB came back unchanged").isTrue();
            }
            assertThat(sshd.log()).contains("Accepted publickey for root");
        }
    }

    /** The provider of the engine a cipher the client offers runs on, once initialised (the engine is chosen then). */
    private static String engineProvider(Factory.Named<Cipher> offered, Cipher.Mode mode) {
        Cipher cipher = offered.create();
        cipher.init(mode, bytes(64), bytes(64));
        return JdkAesCiphers.providerOf(cipher);
    }

    /** The client's cipher of that name (the JDK-backed one) and SSHJ's own, both encrypting with one key and nonce. */
    private record Encrypting(Cipher ours, Cipher theirs, byte[] key, byte[] iv) {
        static Encrypting withTheSameKeyAndNonce(String name) {
            Encrypting both = new Encrypting(jdkFactory(name).create(), stock(name).create(), bytes(64), bytes(64));
            both.ours.init(Cipher.Mode.Encrypt, both.key, both.iv);
            both.theirs.init(Cipher.Mode.Encrypt, both.key, both.iv);
            return both;
        }
    }

    private static Factory.Named<Cipher> jdkFactory(String name) {
        List<Factory.Named<Cipher>> offered = SshConnector.clientConfig().getCipherFactories();
        return offered.stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
    }

    /** SSHJ's own cipher of that name, on BouncyCastle: what the JDK-backed one must match byte for byte. */
    private static Factory.Named<Cipher> stock(String name) {
        return switch (name) {
            case "aes128-gcm@openssh.com" -> GcmCiphers.AES128GCM();
            case "aes256-gcm@openssh.com" -> GcmCiphers.AES256GCM();
            case "aes128-ctr" -> BlockCiphers.AES128CTR();
            case "aes192-ctr" -> BlockCiphers.AES192CTR();
            case "aes256-ctr" -> BlockCiphers.AES256CTR();
            default -> throw new IllegalArgumentException("no stock cipher named " + name);
        };
    }

    /** SSHJ's AEAD framing: the 4-byte length is associated data, the rest is sealed in place with the tag after it. */
    private static byte[] sealed(Cipher c, byte[] plain) {
        byte[] buf = Arrays.copyOf(plain, plain.length + c.getAuthenticationTagSize());
        c.updateAAD(buf, 0, 4);
        c.update(buf, 4, plain.length - 4);
        return buf;
    }

    private static byte[] opened(Cipher c, byte[] sealed) {
        byte[] buf = sealed.clone();
        c.updateAAD(buf, 0, 4);
        int tag = c.getAuthenticationTagSize();
        c.update(buf, 4, buf.length - 4 - tag);   // decrypting, SSHJ adds the tag's length itself
        return Arrays.copyOf(buf, buf.length - tag);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
