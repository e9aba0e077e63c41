package dev.aistorctl.core.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSSH server for tests: its own host keys, config, authorized_keys and log in a temp
 * directory, listening on 127.0.0.1 at a free port. Use it as {@code @RegisterExtension static TestSshd
 * sshd = new TestSshd();} or call {@link #start()} / {@link #close()} yourself.
 *
 * <p>It needs root (sshd switches to the logged-in user) and {@code /usr/sbin/sshd}; without them
 * {@link #start()} throws, so the test fails with the reason instead of passing unseen.
 */
public final class TestSshd implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String SSHD = "/usr/sbin/sshd";
    public static final List<String> HOST_KEY_TYPES = List.of("ed25519", "ecdsa", "rsa");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final List<String> extraConfig = new ArrayList<>();
    private Path dir;
    private int port;
    private Process process;

    /** Extra sshd_config lines, e.g. {@code "AllowTcpForwarding no"}; call before start. */
    public TestSshd withConfig(String line) {
        extraConfig.add(line);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public synchronized TestSshd start() throws IOException, InterruptedException {
        requireRootAndSshd();
        if (dir == null) {
            dir = Files.createTempDirectory("test-sshd-");
            for (String type : HOST_KEY_TYPES) {
                generateHostKey(type);
            }
            Files.writeString(authorizedKeys(), "");
        }
        // The privilege separation directory sshd insists on; Debian creates it only when the service starts.
        Files.createDirectories(Path.of("/run/sshd"));
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (port == 0 || attempt > 0) {
                port = freePort();
            }
            writeConfig();
            try {
                launch();
                return this;
            } catch (IOException e) {
                lastFailure = e; // another process may have taken the port between probe and bind
            }
        }
        throw lastFailure;
    }

    /** The host keys are replaced by fresh ones and sshd restarts on the same port: a "changed host key". */
    public synchronized void restartWithNewHostKeys() throws IOException, InterruptedException {
        stopProcess();
        for (String type : HOST_KEY_TYPES) {
            Files.deleteIfExists(hostKey(type));
            Files.deleteIfExists(hostKeyPub(type));
            generateHostKey(type);
        }
        launch();
    }

    /** Stops sshd; the port is then closed. */
    public synchronized void stop() {
        stopProcess();
    }

    @Override
    public synchronized void close() {
        stopProcess();
        if (dir != null) {
            deleteTree(dir);
            dir = null;
        }
    }

    public String address() {
        return "127.0.0.1";
    }

    /** The listening sshd: each login is served by a child of it. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path hostKey(String type) {
        return dir.resolve("ssh_host_" + type + "_key");
    }

    public Path hostKeyPub(String type) {
        return dir.resolve("ssh_host_" + type + "_key.pub");
    }

    public Path authorizedKeys() {
        return dir.resolve("authorized_keys");
    }

    /** What sshd printed so far (LogLevel VERBOSE): accepted logins, closed connections, errors. */
    public String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Lets the public key in {@code publicKeyFile} log in as any user. */
    public void authorize(Path publicKeyFile) throws IOException {
        Files.writeString(authorizedKeys(), Files.readString(publicKeyFile).strip() + "\n", StandardOpenOption.APPEND);
    }

    /** The fingerprint of one host key as {@code ssh-keygen -lf} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint(String type) throws IOException, InterruptedException {
        return fingerprintOf(hostKeyPub(type));
    }

    public static String fingerprintOf(Path publicKey) throws IOException, InterruptedException {
        String out = exec(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()));
        return out.split("\\s+")[1];
    }

    /** Writes a known_hosts file holding this server's host keys under {@code [127.0.0.1]:port}. */
    public Path writeKnownHosts(Path file, boolean hashed) throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (String type : HOST_KEY_TYPES) {
            String[] pub = Files.readString(hostKeyPub(type)).strip().split("\\s+");
            lines.append("[").append(address()).append("]:").append(port).append(' ')
                    .append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        Files.writeString(file, lines.toString());
        if (hashed) {
            exec(List.of("ssh-keygen", "-H", "-f", file.toString()));
            Files.deleteIfExists(Path.of(file + ".old"));
        }
        return file;
    }

    /**
     * Makes a client key pair with ssh-keygen and authorizes it.
     *
     * @param type       ed25519, ecdsa or rsa
     * @param passphrase empty for an unencrypted key
     * @param pem        true for the PEM format (-m PEM) instead of the OpenSSH format
     */
    public Path newClientKey(String type, String passphrase, boolean pem) throws IOException, InterruptedException {
        Path key = Files.createTempDirectory(dir, "client-").resolve("id_" + type + (pem ? "_pem" : ""));
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "test",
                "-f", key.toString()));
        if (pem) {
            argv.addAll(List.of("-m", "PEM"));
        }
        exec(argv);
        authorize(Path.of(key + ".pub"));
        return key;
    }

    /** Fails (never skips) when the tests cannot run here, saying what is missing. */
    public static void requireRootAndSshd() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            throw new IllegalStateException("the SSH tests start a real sshd and need root (bin/test as root); running as uid " + uid);
        }
        if (!Files.isExecutable(Path.of(SSHD))) {
            throw new IllegalStateException("the SSH tests need " + SSHD + ": run the tests with bin/test, which installs it (or apt-get install openssh-server)");
        }
    }

    public static String exec(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private void generateHostKey(String type) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-f", hostKey(type).toString()));
        if (type.equals("rsa")) {
            argv.addAll(List.of("-b", "2048"));
        }
        exec(argv);
    }

    private void writeConfig() throws IOException {
        // sshd keeps the first value of a keyword, so extra lines go first and win.
        List<String> lines = new ArrayList<>(extraConfig);
        lines.addAll(List.of(
                "ListenAddress " + address(),
                "Port " + port,
                "AuthorizedKeysFile " + authorizedKeys(),
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UseDNS no",
                "PrintMotd no",
                "LogLevel VERBOSE",
                "MaxSessions 100",
                "MaxStartups 100",
                "Subsystem sftp internal-sftp"));
        for (String type : HOST_KEY_TYPES) {
            lines.add("HostKey " + hostKey(type));
        }
        Files.write(dir.resolve("sshd_config"), lines);
    }

    private void launch() throws IOException, InterruptedException {
        Path log = dir.resolve("sshd.log");
        Files.deleteIfExists(log);
        process = new ProcessBuilder(SSHD, "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            if (log().contains("Server listening on") && accepts()) {
                return;
            }
            Thread.sleep(20);
        }
        stopProcess();
        throw new IOException("sshd did not listen on " + address() + ":" + port + " within " + START_TIMEOUT + ": " + log());
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        // sshd -D forks one child per connection; they end when their connection closes or on TERM.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp dir must not fail the test run.
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sshd at %s:%d", address(), port);
    }
}
