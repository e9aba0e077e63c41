package dev.aistorctl.storagenode.minio;

/**
 * Where the MinIO contract puts things on a node. Paths and names follow MinIO's published systemd
 * unit (https://github.com/minio/minio-service, {@code linux-systemd/minio.service}) and AIStor's
 * install guide, so a field engineer who knows MinIO finds every file where the documentation says.
 */
public final class MinioPaths {
    /** The service account of the unit's {@code User=}/{@code Group=}. */
    public static final String USER = "minio-user";
    public static final String GROUP = "minio-user";

    public static final String BINARY = "/usr/local/bin/minio";
    /** The unit's {@code EnvironmentFile=}; the only file that holds the root password. */
    public static final String ENV_FILE = "/etc/default/minio";
    /**
     * Beside the binary's install tree rather than in {@code /etc}: the license is a vendor
     * artefact replaced on renewal, not site configuration; root owns it so the server can read
     * but never rewrite it.
     */
    public static final String LICENSE_FILE = "/opt/minio/minio.license";
    public static final String LICENSE_DIR = "/opt/minio";
    /** AIStor's startup configuration file, used only when MINIO_VOLUMES cannot express the hosts. */
    public static final String CONFIG_FILE = "/etc/minio/config.yaml";
    public static final String CONFIG_DIR = "/etc/minio";
    /** One service name for both flavours, so status, health and restart steps never branch. */
    public static final String SERVICE = "minio.service";
    public static final String UNIT_FILE = "/etc/systemd/system/" + SERVICE;

    /**
     * MinIO serves each drive from this subdirectory of the drive's mount, never from the mount
     * root: when a drive fails to mount, the subdirectory is missing from the empty mount point,
     * MinIO marks that drive offline, and nothing is ever written to the system disk beneath.
     */
    public static final String DATA_SUBDIR = "minio";

    private MinioPaths() {
    }

    /** The directory MinIO serves on a drive mounted at {@code mount}. */
    public static String dataDir(String mount) {
        return (mount.endsWith("/") ? mount : mount + "/") + DATA_SUBDIR;
    }
}
