package dev.aistorctl.storagenode.minio;

import dev.aistorctl.templates.Templates;
import java.util.Map;

/**
 * {@code /etc/systemd/system/minio.service}, following MinIO's published unit
 * (https://github.com/minio/minio-service, {@code linux-systemd/minio.service}, master):
 * {@code Type=notify}, {@code User=/Group=minio-user}, {@code EnvironmentFile=/etc/default/minio}
 * guarded by {@code AssertFileNotEmpty=}, {@code ExecStart=/usr/local/bin/minio server $MINIO_OPTS
 * $MINIO_VOLUMES}, {@code Restart=always}, {@code LimitNOFILE=1048576}, {@code TasksMax=infinity},
 * {@code TimeoutSec=infinity}, {@code OOMScoreAdjust=-1000}, {@code SendSIGKILL=no} and the ambient
 * capabilities upstream grants ({@code CAP_NET_BIND_SERVICE} for ports below 1024,
 * {@code CAP_SYS_ADMIN} and {@code CAP_DAC_OVERRIDE} for S.M.A.R.T. drive health).
 *
 * <p>One deliberate difference: {@code RestartSec=5s}. Upstream restarts at once; a node that
 * cannot start (peer names not resolving yet, a drive gone) would otherwise spin and flood the
 * journal while the rest of the cluster boots.
 */
public final class MinioUnit {
    private static final Templates TEMPLATES = new Templates();

    private MinioUnit() {
    }

    public static ManagedFile file() {
        return ManagedFile.rootOwned(MinioPaths.UNIT_FILE, "0644");
    }

    public static String render() {
        return TEMPLATES.render("minio.service", Map.of(
                "binary", MinioPaths.BINARY,
                "envFile", MinioPaths.ENV_FILE,
                "user", MinioPaths.USER,
                "group", MinioPaths.GROUP));
    }

    public static String contentHash() {
        return ContentHash.sha256(render());
    }
}
