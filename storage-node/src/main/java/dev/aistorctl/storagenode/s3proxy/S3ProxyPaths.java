package dev.aistorctl.storagenode.s3proxy;

/** Where the lab flavour puts S3Proxy on a node; the service account and unit name are MinIO's. */
public final class S3ProxyPaths {
    /** S3Proxy's jar-with-dependencies from Maven Central ({@code org.gaul:s3proxy}), renamed without its version. */
    public static final String JAR = "/usr/local/lib/aistor/s3proxy.jar";
    public static final String JAR_DIR = "/usr/local/lib/aistor";
    /** Holds the S3 credential, like /etc/default/minio holds the root password. */
    public static final String PROPERTIES_FILE = "/etc/default/s3proxy.properties";
    /** Debian's and Ubuntu's java alternative; S3Proxy 2.x needs Java 17 or newer. */
    public static final String JAVA = "/usr/bin/java";

    private S3ProxyPaths() {
    }
}
