package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** minio.service against MinIO's published unit: github.com/minio/minio-service, linux-systemd/minio.service (master). */
class MinioUnitTest {
    @Test
    void systemdAcceptsTheUnit(@TempDir Path tmp) throws Exception {
        SystemdVerify.assertVerifies(tmp, MinioPaths.UNIT_FILE, MinioUnit.render(),
                Map.of(MinioPaths.BINARY, true, MinioPaths.ENV_FILE, false));
    }

    @Test
    void keepsEverySettingOfTheUpstreamUnit() {
        String unit = MinioUnit.render();

        assertThat(unit.lines()).contains(
                "Type=notify",
                "User=minio-user",
                "Group=minio-user",
                "EnvironmentFile=/etc/default/minio",
                "AssertFileNotEmpty=/etc/default/minio",
                "AssertFileIsExecutable=/usr/local/bin/minio",
                "ExecStart=/usr/local/bin/minio server $MINIO_OPTS $MINIO_VOLUMES",
                "Restart=always",
                "LimitNOFILE=1048576",
                "TasksMax=infinity",
                "TimeoutSec=infinity",
                "OOMScoreAdjust=-1000",
                "SendSIGKILL=no",
                // Upstream's comment: CAP_SYS_ADMIN + CAP_DAC_OVERRIDE enable S.M.A.R.T. disk health monitoring.
                "AmbientCapabilities=CAP_NET_BIND_SERVICE CAP_SYS_ADMIN CAP_DAC_OVERRIDE",
                "WantedBy=multi-user.target");
    }

    @Test
    void backsOffBeforeRestarting() {
        assertThat(MinioUnit.render().lines()).contains("RestartSec=5s");
    }

    @Test
    void unitFileIsRootsAndWorldReadable() {
        assertThat(MinioUnit.file()).isEqualTo(new ManagedFile("/etc/systemd/system/minio.service", "0644", "root", "root"));
        assertThat(MinioUnit.contentHash()).startsWith("sha256:").isEqualTo(ContentHash.sha256(MinioUnit.render()));
    }

    @Test
    void theVerifierIsNotVacuous(@TempDir Path tmp) {
        String broken = MinioUnit.render().replace("Restart=always", "Restart=sometimes");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemdVerify.assertVerifies(tmp, MinioPaths.UNIT_FILE, broken,
                        Map.of(MinioPaths.BINARY, true, MinioPaths.ENV_FILE, false)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("restart specifier");
    }
}
