package dev.aistorctl.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeContractTest {
    @Test
    void aStampSaysWhatTheRunningServiceDiffersIn() {
        ServiceStamp started = new ServiceStamp(List.of("binary " + "a".repeat(64), "file /etc/default/minio sha256:" + "1".repeat(64)),
                Optional.of("pbkdf2-sha256$1$c2FsdA$aGFzaA"));
        ServiceStamp desired = new ServiceStamp(List.of("binary " + "b".repeat(64), "file /etc/default/minio sha256:" + "1".repeat(64)),
                Optional.empty());

        assertThat(ServiceStamp.parse(started.render())).contains(started);
        assertThat(started.differences(desired)).containsExactly("binary aaaaaaaaaaaa -> bbbbbbbbbbbb");
        assertThat(started.differences(started)).isEmpty();
    }

    @Test
    void theLabJarIsFoundInTheLocalMavenRepositoryOrNamedByItsCoordinates(@TempDir Path home) throws Exception {
        assertThatThrownBy(() -> S3ProxyJar.locate(Map.of(), null, null, home)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("org.gaul:s3proxy:" + S3ProxyJar.VERSION + ":jar:jar-with-dependencies")
                .hasMessageContaining("mvn dependency:get");
        Path jar = home.resolve(".m2/repository/org/gaul/s3proxy/" + S3ProxyJar.VERSION + "/s3proxy-" + S3ProxyJar.VERSION
                + "-jar-with-dependencies.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        assertThat(S3ProxyJar.locate(Map.of(), null, null, home)).isEqualTo(jar);
        Path other = Files.writeString(home.resolve("elsewhere.jar"), "jar");
        assertThat(S3ProxyJar.locate(Map.of(S3ProxyJar.ENV, other.toString()), null, null, home)).isEqualTo(other);
    }

    @Test
    void sha256sumOutputIsReadOnlyWhenItIsADigest() {
        assertThat(Sha256.fromSha256sum("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  /usr/local/bin/minio\n"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.fromSha256sum("sha256sum: /usr/local/bin/minio: No such file or directory")).isEmpty();
    }
}
