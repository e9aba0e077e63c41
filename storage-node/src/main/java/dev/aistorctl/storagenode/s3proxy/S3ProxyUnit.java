package dev.aistorctl.storagenode.s3proxy;

import dev.aistorctl.storagenode.minio.ManagedFile;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.templates.Templates;
import java.util.List;
import java.util.Map;

/**
 * The lab flavour's unit. It is installed under MinIO's name, {@code minio.service}, so that
 * status, health, restart and journal steps address one service whatever the flavour, and a lab run
 * exercises the very commands a production run does. It keeps what matters from MinIO's unit:
 * the same account, {@code Restart=always} with the same back-off, {@code LimitNOFILE=1048576}.
 * {@code Type=simple}: S3Proxy does not send sd_notify readiness.
 */
public final class S3ProxyUnit {
    private static final Templates TEMPLATES = new Templates();

    private S3ProxyUnit() {
    }

    public static ManagedFile file() {
        return ManagedFile.rootOwned(MinioPaths.UNIT_FILE, "0644");
    }

    /** The argv the unit runs, for tests and for a health step that wants to explain a failure. */
    public static List<String> execStart() {
        return execStart(S3ProxyPaths.JAVA);
    }

    /**
     * S3Proxy holds a whole object in its heap while it stores it. The JVM's default heap, a quarter of
     * the host's memory, overflows on a 64 MiB object on a host of 768 MiB (the VM lab's): the health
     * probe's PUT failed with OutOfMemoryError. Three quarters leave the rest to the kernel and sshd.
     */
    static final String HEAP = "-XX:MaxRAMPercentage=75";

    public static List<String> execStart(String javaPath) {
        return List.of(javaPath, HEAP, "-jar", S3ProxyPaths.JAR, "--properties", S3ProxyPaths.PROPERTIES_FILE);
    }

    public static String render() {
        return render(S3ProxyPaths.JAVA);
    }

    /**
     * With the Java runtime the host has: Debian's alternative {@code /usr/bin/java} on an installed
     * host, or another absolute path where the runtime lives elsewhere (the lab binds the
     * controller's JDK at {@code /usr/local/bin/java}).
     */
    public static String render(String javaPath) {
        return TEMPLATES.render("s3proxy.service", Map.of(
                "java", javaPath,
                "jar", S3ProxyPaths.JAR,
                "properties", S3ProxyPaths.PROPERTIES_FILE,
                "execStart", String.join(" ", execStart(javaPath)),
                "user", MinioPaths.USER,
                "group", MinioPaths.GROUP));
    }
}
