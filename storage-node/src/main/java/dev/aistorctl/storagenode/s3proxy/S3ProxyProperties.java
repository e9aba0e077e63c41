package dev.aistorctl.storagenode.s3proxy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.NodeConfig;
import dev.aistorctl.storagenode.minio.ContentHash;
import dev.aistorctl.storagenode.minio.ManagedFile;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.templates.Templates;
import java.util.Map;

/**
 * {@code /etc/default/s3proxy.properties}, the lab flavour's counterpart of /etc/default/minio.
 * Keys from S3Proxy's README (https://github.com/gaul/s3proxy): {@code s3proxy.endpoint},
 * {@code s3proxy.authorization=aws-v2-or-v4}, {@code s3proxy.identity}/{@code s3proxy.credential}
 * (the root user and password), {@code jclouds.provider=filesystem} and
 * {@code jclouds.filesystem.basedir}.
 *
 * <p>The base directory is the MinIO data directory of the first drive, {@code <mount>/minio}: it
 * is created and owned by minio-user exactly as for MinIO, and the same "never the mount root"
 * rule holds. S3Proxy has no erasure coding; the other drives stay unused in the lab.
 *
 * <p>Same secret rules as the MinIO environment file: the credential is passed in at apply time
 * ({@link #render(Secret)}), {@link #redacted()} is for plans and logs, {@link #contentHash()}
 * hashes the redacted text.
 */
public final class S3ProxyProperties {
    static final String REDACTED = "<redacted>";
    private static final Templates TEMPLATES = new Templates();

    private final String identity;
    private final String secretSource;
    private final int port;
    private final String basedir;

    /**
     * @param secretSource where the credential comes from, for messages (never the credential)
     */
    public S3ProxyProperties(String identity, String secretSource, int port, String basedir) {
        this.identity = identity;
        this.secretSource = secretSource;
        this.port = port;
        this.basedir = basedir;
    }

    public static S3ProxyProperties of(Inventory inventory) {
        NodeConfig node = inventory.node();
        if (node.flavour() != Flavour.S3PROXY) {
            throw new IllegalArgumentException("s3proxy.properties is for flavour s3proxy, not " + node.flavour());
        }
        String firstMount = inventory.pools().get(0).drives().mounts().get(0);
        return new S3ProxyProperties(node.rootUser(), node.rootPassword().toString(), node.apiPort(), MinioPaths.dataDir(firstMount));
    }

    public ManagedFile file() {
        return ManagedFile.readableByService(S3ProxyPaths.PROPERTIES_FILE);
    }

    public String basedir() {
        return basedir;
    }

    public int port() {
        return port;
    }

    /** The file as written to the host, credential included. Call only to write the file. */
    public String render(Secret credential) {
        if (credential.length() == 0) {
            throw new InvalidConfigException("S3 credential from " + secretSource + " is empty");
        }
        return render(PropertiesText.assignment("s3proxy.credential", credential.reveal()));
    }

    public String redacted() {
        return render("s3proxy.credential=" + REDACTED);
    }

    public String contentHash() {
        return ContentHash.sha256(redacted());
    }

    private String render(String credentialLine) {
        return TEMPLATES.render("s3proxy.properties", Map.of(
                // All interfaces, like MinIO's --address :PORT.
                "endpoint", PropertiesText.assignment("s3proxy.endpoint", "http://0.0.0.0:" + port),
                "identity", PropertiesText.assignment("s3proxy.identity", identity),
                "credential", credentialLine,
                "basedir", PropertiesText.assignment("jclouds.filesystem.basedir", basedir)));
    }

    @Override
    public String toString() {
        return "S3ProxyProperties[" + S3ProxyPaths.PROPERTIES_FILE + ", port " + port + ", basedir " + basedir + "]";
    }
}
