package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.Inventory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file the MinIO flavour writes, for the reference inventories, compared with reviewed
 * copies. What the reviewed copies must say, and where it comes from:
 * <ul>
 *   <li>/etc/default/minio: MINIO_VOLUMES, MINIO_OPTS, MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, as in
 *       github.com/minio/minio-service linux-systemd/README.md; {@code --address},
 *       {@code --console-address} and {@code --license} are AIStor server flags
 *       (https://docs.min.io/enterprise/aistor-object-store/reference/aistor-server);</li>
 *   <li>config.yaml: {@code version: v3}, {@code pools[].nodes[].addresses} and {@code path}
 *       (https://docs.min.io/aistor/reference/aistor-server/configuration-file/);</li>
 *   <li>minio.service: github.com/minio/minio-service linux-systemd/minio.service (master).</li>
 * </ul>
 */
class GoldenFilesTest {
    /** A test password with every character an env file must escape. */
    static final Secret PASSWORD = Secret.of("t3st-\"pa$$\\word`");

    static Stream<Arguments> clusters() {
        return Stream.of(
                Arguments.of(Named.of("altra-8node", TestInventories.altra8())),
                Arguments.of(Named.of("two-pools", TestInventories.good("two-pools.yaml"))),
                Arguments.of(Named.of("single-node", TestInventories.singleNode())),
                Arguments.of(Named.of("non-sequential", TestInventories.ours("non-sequential.yaml"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void environmentFileRedactedAndReal(Inventory inventory) {
        String name = inventory.source().getFileName().toString().replace(".yaml", "");
        MinioEnvironment env = MinioEnvironment.of(inventory);

        Golden.assertMatches(name + "/minio.env.redacted", env.redacted());
        Golden.assertMatches(name + "/minio.env", env.render(PASSWORD));
        Golden.assertMatches(name + "/MINIO_VOLUMES", env.volumes().minioVolumes().orElse("") + "\n");
        assertThat(env.redacted()).doesNotContain(PASSWORD.reveal()).contains("MINIO_ROOT_PASSWORD=<redacted>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void startupConfigurationOnlyWhereTheNotationCannotNameTheHosts(Inventory inventory) {
        String name = inventory.source().getFileName().toString().replace(".yaml", "");
        MinioEnvironment env = MinioEnvironment.of(inventory);

        assertThat(env.startupConfig().isPresent()).isEqualTo(name.equals("non-sequential"));
        env.startupConfig().ifPresent(c -> Golden.assertMatches(name + "/config.yaml", c.render()));
    }

    @org.junit.jupiter.api.Test
    void theUnitIsTheSameForEveryCluster() {
        Golden.assertMatches("minio.service", MinioUnit.render());
    }
}
