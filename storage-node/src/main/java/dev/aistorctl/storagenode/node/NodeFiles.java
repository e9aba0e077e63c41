package dev.aistorctl.storagenode.node;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.storagenode.minio.MinioEnvironment;
import dev.aistorctl.storagenode.minio.MinioLicense;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.MinioUnit;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import dev.aistorctl.storagenode.s3proxy.S3ProxyProperties;
import dev.aistorctl.storagenode.s3proxy.S3ProxyUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every configuration file of the inventory's flavour, in the order they are written: flavour minio
 * has the environment file, the license, the startup configuration (config-file form only) and the
 * unit; flavour s3proxy has its properties file and the unit. Exactly one of them holds the credential.
 */
public final class NodeFiles {
    /** Directories the files go into, root's and traversable. */
    public static final List<String> DIRECTORIES = List.of("/etc/default", "/etc/systemd/system");
    /** Root-only state aistorctl keeps on the host: the credential's digest and what the service was started with. */
    public static final String STATE_DIR = "/var/lib/aistorctl";
    /** A salted PBKDF2 digest of the credential written last ({@code Secret.digest()}), never the credential. */
    public static final String SECRET_DIGEST = STATE_DIR + "/node-secret.digest";
    /**
     * The files that say how the cluster is laid out and started ({@code MINIO_VOLUMES} and {@code MINIO_OPTS}, the
     * startup configuration, the lab flavour's properties): what a person must read before the cluster starts, so
     * a plan shows what they will hold even where it folds the other files identical on every host.
     */
    public static final Set<String> SETTINGS = Set.of(MinioPaths.ENV_FILE, MinioPaths.CONFIG_FILE, S3ProxyPaths.PROPERTIES_FILE);

    private NodeFiles() {
    }

    /** For flavour minio, or flavour s3proxy on a host with Java at {@code /usr/bin/java}. */
    public static List<NodeFile> of(Inventory inventory) {
        return of(inventory, dev.aistorctl.storagenode.s3proxy.S3ProxyPaths.JAVA);
    }

    /** @param java flavour s3proxy: the host's Java runtime, which the unit runs */
    public static List<NodeFile> of(Inventory inventory, String java) {
        List<NodeFile> files = new ArrayList<>();
        if (inventory.node().flavour() == Flavour.MINIO) {
            MinioEnvironment env = MinioEnvironment.of(inventory);
            files.add(NodeFile.secret(env.file(), env.redacted(), "MINIO_ROOT_PASSWORD=", env::render, StandardCharsets.UTF_8));
            env.license().ifPresent(l -> files.add(NodeFile.plain(l.file(), license(l), StandardCharsets.UTF_8)));
            env.startupConfig().ifPresent(c -> files.add(NodeFile.plain(c.file(), c.render(), StandardCharsets.UTF_8)));
            files.add(NodeFile.plain(MinioUnit.file(), MinioUnit.render(), StandardCharsets.UTF_8));
        } else {
            S3ProxyProperties props = S3ProxyProperties.of(inventory);
            files.add(NodeFile.secret(props.file(), props.redacted(), "s3proxy.credential=", props::render,
                    StandardCharsets.ISO_8859_1));
            files.add(NodeFile.plain(S3ProxyUnit.file(), S3ProxyUnit.render(java), StandardCharsets.UTF_8));
        }
        return List.copyOf(files);
    }

    public static NodeFile secretFile(List<NodeFile> files) {
        return files.stream().filter(NodeFile::holdsSecret).findFirst().orElseThrow();
    }

    /** The directories the flavour's files need besides {@link #DIRECTORIES}: /opt/minio, /etc/minio. */
    public static List<String> parentDirectories(List<NodeFile> files) {
        return files.stream().map(f -> f.path().substring(0, f.path().lastIndexOf('/'))).distinct().toList();
    }

    private static String license(MinioLicense l) {
        try {
            // A license is a signed text token; it must reach the host byte for byte.
            return Files.readString(l.source(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read the license " + l.source() + ": " + e.getMessage());
        }
    }

}
