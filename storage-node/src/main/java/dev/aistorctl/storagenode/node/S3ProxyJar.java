package dev.aistorctl.storagenode.node;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the controller finds the lab flavour's server: S3Proxy's {@code jar-with-dependencies} from
 * Maven Central, in the local Maven repository. It is not bundled in the aistorctl jar: its
 * unrelocated libraries would clash with ours, and it is the node's binary, not the controller's.
 * {@code AISTORCTL_S3PROXY_JAR} (or the system property {@code aistorctl.s3proxy.jar}) names another
 * copy, e.g. on a controller without Maven.
 */
public final class S3ProxyJar {
    public static final String ENV = "AISTORCTL_S3PROXY_JAR";
    public static final String PROPERTY = "aistorctl.s3proxy.jar";
    public static final String VERSION = version();

    private S3ProxyJar() {
    }

    /** {@code org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies}, as {@code mvn dependency:get} takes it. */
    public static String coordinates() {
        return "org.gaul:s3proxy:" + VERSION + ":jar:jar-with-dependencies";
    }

    public static Path locate() {
        return locate(System.getenv(), System.getProperty(PROPERTY), System.getProperty("maven.repo.local"),
                Path.of(System.getProperty("user.home")));
    }

    static Path locate(Map<String, String> env, String property, String mavenRepoLocal, Path home) {
        String named = property != null ? property : env.get(ENV);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!Files.isRegularFile(p)) {
                throw new InvalidConfigException("S3Proxy jar " + p + " (from " + (property != null ? PROPERTY : ENV)
                        + ") does not exist");
            }
            return p;
        }
        Path repo = mavenRepoLocal != null ? Path.of(mavenRepoLocal) : home.resolve(".m2").resolve("repository");
        Path jar = repo.resolve("org/gaul/s3proxy/" + VERSION + "/s3proxy-" + VERSION + "-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new InvalidConfigException("flavour s3proxy installs " + coordinates() + " on every node, and it is not in"
                    + " the local Maven repository (" + jar + "); fetch it with 'mvn dependency:get -Dartifact="
                    + coordinates() + "', set " + ENV + " to a copy, or give node.binary in the inventory");
        }
        return jar;
    }

    private static String version() {
        try (InputStream in = S3ProxyJar.class.getResourceAsStream("s3proxy.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("s3proxy.version", "");
            // Unfiltered when built outside Maven; the version the project pins.
            return v.isEmpty() || v.startsWith("$") ? "2.6.0" : v;
        } catch (IOException e) {
            return "2.6.0";
        }
    }
}
