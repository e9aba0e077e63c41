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

    /**
     * The serial collector: a short-lived lab server whose heap holds little more than the object it is storing gains
     * nothing from G1's worker threads and regions, which cost CPU at start, and in the lab every host starts at the
     * same moment on the controller's shared cores.
     */
    static final String COLLECTOR = "-XX:+UseSerialGC";

    /**
     * The JIT's thresholds 10 times the default: at start the compilers worked on code that runs a few hundred times
     * (the server's wiring), while the loops that hash and copy an object's bytes still reach C2 and its intrinsics
     * for the CPU's hashing instructions. Stopping at C1 instead starts as cheaply, but a 64 MiB PUT then took 1.5 s
     * instead of 0.6 s and cost more CPU than the start saved (bench/RESULTS.md, provision).
     */
    static final String JIT = "-XX:CompileThresholdScaling=10";

    public static List<String> execStart(String javaPath) {
        return List.of(javaPath, HEAP, COLLECTOR, JIT, "-jar", S3ProxyPaths.JAR, "--properties", S3ProxyPaths.PROPERTIES_FILE);
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
