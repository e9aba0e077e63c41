package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /etc/default/minio: the variables of github.com/minio/minio-service linux-systemd/README.md and the
 * server flags of https://docs.min.io/enterprise/aistor-object-store/reference/aistor-server.
 */
class MinioEnvironmentTest {
    @Test
    void optsCarryPortsAndLicense() {
        MinioEnvironment env = MinioEnvironment.of(TestInventories.altra8());

        assertThat(env.minioOpts()).isEqualTo("--address :9000 --console-address :9001 --license /opt/minio/minio.license");
        assertThat(env.license()).isPresent();
        assertThat(env.license().get().file()).isEqualTo(new ManagedFile("/opt/minio/minio.license", "0640", "root", "minio-user"));
        assertThat(env.warnings()).isEmpty();
    }

    @Test
    void withoutALicenseThePlanWarnsThatTheClusterMayStartReadOnlyOrNotAtAll() {
        MinioEnvironment env = MinioEnvironment.of(TestInventories.singleNode());

        assertThat(env.minioOpts()).doesNotContain("--license");
        assertThat(env.warnings()).singleElement().asString().contains("read-only", "refuses to start", "node.license.file");
    }

    @Test
    void customPortsReachTheOptions() {
        MinioEnvironment env = MinioEnvironment.of(TestInventories.good("ip-list.yaml"));

        assertThat(env.minioOpts()).startsWith("--address :19000 --console-address :19001").endsWith("--config /etc/minio/config.yaml");
    }

    @Test
    void theFileIsReadableByTheServiceGroupOnly() {
        assertThat(MinioEnvironment.of(TestInventories.altra8()).file())
                .isEqualTo(new ManagedFile("/etc/default/minio", "0640", "root", "minio-user"));
    }

    @Test
    void theContentHashIgnoresThePasswordAndFollowsEverythingElse() {
        MinioEnvironment altra = MinioEnvironment.of(TestInventories.altra8());
        MinioEnvironment twoPools = MinioEnvironment.of(TestInventories.good("two-pools.yaml"));

        assertThat(altra.contentHash()).isEqualTo(ContentHash.sha256(altra.redacted())).startsWith("sha256:");
        assertThat(altra.contentHash()).isNotEqualTo(twoPools.contentHash());
        // Same hash whatever the password: the password's own change is a digest comparison.
        Secret a = Secret.of("first-password-1");
        Secret b = Secret.of("second-password-2");
        assertThat(altra.render(a)).isNotEqualTo(altra.render(b));
        assertThat(a.matches(b.digest())).isFalse();
    }

    @Test
    void aPasswordMinioWouldRefuseIsRefusedHereWithoutShowingIt() {
        MinioEnvironment env = MinioEnvironment.of(TestInventories.altra8());

        assertThatThrownBy(() -> env.render(Secret.of("short7!")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("env:AISTOR_ROOT_PASSWORD")
                .hasMessageContaining("fewer than 8")
                .hasMessageNotContaining("short7!");
        assertThatThrownBy(() -> env.render(Secret.of("line\nbreak-password")))
                .hasMessageContaining("MINIO_ROOT_PASSWORD")
                .hasMessageNotContaining("break-password");
    }

    @Test
    void toStringShowsNoContent() {
        assertThat(MinioEnvironment.of(TestInventories.altra8()).toString()).isEqualTo("MinioEnvironment[/etc/default/minio, ELLIPSES]");
    }

    /**
     * systemd reads double-quoted values of an EnvironmentFile with POSIX shell double-quote rules
     * (systemd.exec(5)); a shell sourcing the rendered file must get every hostile password back intact.
     */
    @Test
    void everyPasswordCharacterSurvivesTheQuoting(@TempDir Path tmp) throws Exception {
        List<String> hostile = List.of("pa ss\"wo$rd`x\\y", "$(touch /tmp/nope)", "'single' \"double\"", "trailing\\", "$HOME${PATH}",
                "#not-a-comment", "ünïcødé-pässwörd");
        MinioEnvironment env = MinioEnvironment.of(TestInventories.altra8());
        for (String password : hostile) {
            Path file = tmp.resolve("minio");
            Files.writeString(file, env.render(Secret.of(password)), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("bash", "-c", "set -a; . \"$1\"; printf '%s' \"$MINIO_ROOT_PASSWORD\"", "bash", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo(password);
        }
    }
}
