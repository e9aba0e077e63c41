package dev.aistorctl.storagenode.s3proxy;

import static org.assertj.core.api.Assertions.fail;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.MinioClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: S3Proxy, the lab flavour's, started on this machine exactly as its
 * rendered unit starts it, from rendered properties (only the host paths and the port are local),
 * listening on every loopback address. Other modules' tests use it through this module's test jar.
 */
public final class LocalS3Proxy implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path basedir;

    private LocalS3Proxy(Process process, int port, Path basedir) {
        this.process = process;
        this.port = port;
        this.basedir = basedir;
    }

    /** Starts the server with its store under {@code dir}/mnt/drive1/minio and waits until it listens. */
    public static LocalS3Proxy start(Path dir, String identity, Secret credential) throws IOException, InterruptedException {
        int port = freePort();
        Path basedir = Files.createDirectories(dir.resolve("mnt/drive1/minio"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, new S3ProxyProperties(identity, "env:LOCAL_S3_SECRET", port, basedir.toString())
                .render(credential), StandardCharsets.ISO_8859_1);
        Path log = dir.resolve("s3proxy.log");
        LocalS3Proxy server = new LocalS3Proxy(launch(properties, log), port, basedir);
        server.awaitListening(log);
        return server;
    }

    public int port() {
        return port;
    }

    /** The directory that holds the store's buckets. */
    public Path basedir() {
        return basedir;
    }

    public MinioClient client(String identity, String secret) {
        return MinioClient.builder().endpoint("http://127.0.0.1:" + port).region("us-east-1")
                .credentials(identity, secret).build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The unit's ExecStart, with the jar and properties at their local paths and this JVM's java. */
    private static Process launch(Path properties, Path log) throws IOException {
        String jar = System.getProperty("aistorctl.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("S3Proxy jar not found at " + jar + "; it is a test dependency: run the tests through Maven"
                    + " (mvn dependency:get -Dartifact=org.gaul:s3proxy:<version>:jar:jar-with-dependencies fetches it)");
        }
        List<String> argv = new ArrayList<>();
        for (String arg : S3ProxyUnit.execStart()) {
            argv.add(switch (arg) {
                case S3ProxyPaths.JAVA -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case S3ProxyPaths.JAR -> jar;
                case S3ProxyPaths.PROPERTIES_FILE -> properties.toString();
                default -> arg;
            });
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("S3Proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        fail("S3Proxy did not listen on port " + port + " within 90 s:\n" + Files.readString(log));
    }
}
