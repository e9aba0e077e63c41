package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import org.junit.jupiter.api.Test;

/** What the client offers: none of the algorithms OpenSSH has dropped, and still the ones it uses. */
class SshAlgorithmsTest {
    private final DefaultConfig config = SshConnector.clientConfig();

    @Test
    void keyExchangeOffersNoSha1Group() {
        assertThat(names(config.getKeyExchangeFactories()))
                .doesNotContain("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1")
                .contains("curve25519-sha256", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group14-sha256");
    }

    @Test
    void ciphersOfferNoCbcRc4Or3des() {
        assertThat(names(config.getCipherFactories()))
                .noneMatch(n -> n.endsWith("-cbc") || n.startsWith("arcfour") || n.contains("3des") || n.equals("none"))
                .contains("aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr");
    }

    @Test
    void macsOfferNoMd5RipemdOrTruncated() {
        assertThat(names(config.getMACFactories()))
                .noneMatch(n -> n.contains("md5") || n.contains("ripemd") || n.contains("-96"))
                .contains("hmac-sha2-256", "hmac-sha2-512-etm@openssh.com");
    }

    @Test
    void hostKeyAlgorithmsOfferNoDsaOrSha1Rsa() {
        assertThat(names(config.getKeyAlgorithms()))
                .noneMatch(n -> n.startsWith("ssh-dss") || n.startsWith("ssh-rsa"))
                .contains("ssh-ed25519", "rsa-sha2-512", "ecdsa-sha2-nistp256");
    }

    private static <T> List<String> names(List<Factory.Named<T>> factories) {
        return factories.stream().map(Factory.Named::getName).toList();
    }
}
