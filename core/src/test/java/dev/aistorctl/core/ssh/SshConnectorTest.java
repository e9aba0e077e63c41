package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Commands and files over one real SSH connection to a real sshd, logged in as root. */
class SshConnectorTest {
    private static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static Path key;
    static Path knownHosts;
    static SshConnector ssh;

    @BeforeAll
    static void connect() throws Exception {
        key = SSHD.newClientKey("ed25519", "", false);
        knownHosts = SSHD.writeKnownHosts(SSHD.dir().resolve("known_hosts"), false);
        ssh = SshConnector.connect(settings("node1", SSHD, key, knownHosts).build(), NO_PASSPHRASE);
    }

    @AfterAll
    static void disconnect() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void exit_code_stdout_and_stderr_are_kept_apart() {
        ExecResult r = ssh.run(Command.script("echo out; echo err >&2; exit 7"), T);
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stdoutText()).isEqualTo("out\n");
        assertThat(r.stderrText()).isEqualTo("err\n");
        assertThat(ssh.run(Command.of("true")).ok()).isTrue();
    }

    @Test
    void stdin_is_fed_and_binary_stdout_comes_back_byte_exact() {
        byte[] all = new byte[256 * 64];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        ExecResult r = ssh.run(Command.of("cat"), all, T);
        assertThat(r.stdout()).isEqualTo(all);
        assertThat(ssh.run(Command.script("head -c 4 /dev/zero"), T).stdout()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void large_output_is_collected_completely() {
        ExecResult r = ssh.run(Command.script("head -c 6000000 /dev/urandom | od -An -v -tx1 | head -c 6000000"), T);
        assertThat(r.stdout()).hasSize(6_000_000);
        ExecResult big = ssh.run(Command.of("head", "-c", "8000000", "/dev/zero"), T);
        assertThat(big.stdout()).hasSize(8_000_000);
    }

    @Test
    void commands_run_with_lc_all_c() {
        assertThat(ssh.run(Command.script("echo \"$LC_ALL\""), T).stdoutText()).isEqualTo("C\n");
    }

    @Test
    void hostile_arguments_reach_the_remote_program_unchanged() {
        String hostile = "$(touch /tmp/pwned) `id` ; 'q' \"d\" \n * ~ 日本語 🚀";
        assertThat(ssh.run(Command.of("printf", "%s", hostile), T).stdoutText()).isEqualTo(hostile);
        assertThat(ssh.run(Command.of("printf", "%s", "x").withEnv("V", hostile), T).stdoutText()).isEqualTo("x");
        assertThat(Path.of("/tmp/pwned")).doesNotExist();
    }

    @Test
    void a_timed_out_command_fails_naming_host_command_and_timeout_and_the_connection_lives_on() throws Exception {
        String marker = "3141.59";
        long start = System.nanoTime();
        assertThatThrownBy(() -> ssh.run(Command.of("sleep", marker), Duration.ofSeconds(1)))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: run ")
                .hasMessageContaining("sleep " + marker)
                .hasMessageContaining("timed out after 1s");
        // The remote sleep lasts almost an hour: a call back within minutes returned on its timeout, not on the
        // sleep's end, however loaded the machine is.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(10));
        assertThat(ssh.run(Command.of("echo", "still here"), T).stdoutText()).isEqualTo("still here\n");
        // sshd delivers the KILL signal we send on timeout, so nothing is left running.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stillRunning(marker) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stillRunning(marker)).as("remote sleep killed").isFalse();
    }

    private static boolean stillRunning(String arg) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains(arg)).orElse(false) && !isZombie(p.pid()));
    }

    private static boolean isZombie(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void a_command_killed_by_a_signal_is_an_error_not_an_exit_code() {
        assertThatThrownBy(() -> ssh.run(Command.script("kill -KILL $$"), T))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("node1")
                .hasMessageContaining("killed by signal KILL");
    }

    @Test
    void every_command_reuses_the_one_connection() throws Exception {
        Set<String> origins = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            origins.add(ssh.run(Command.script("echo \"$SSH_CONNECTION\""), T).stdoutText().strip());
        }
        assertThat(origins).hasSize(1);
        String clientPort = origins.iterator().next().split(" ")[1];
        long logins = SSHD.log().lines().filter(l -> l.contains("Accepted publickey") && l.contains("port " + clientPort + " "))
                .count();
        assertThat(logins).isEqualTo(1);
    }

    @Test
    void commands_may_run_concurrently_on_the_one_connection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(pool.submit(() -> ssh.run(Command.script("sleep 0.2; echo " + n), T).stdoutText()));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(results.get(i).get()).isEqualTo(i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void root_login_runs_privileged_commands_without_sudo() {
        ExecResult r = ssh.run(Command.script("id -u; ps -o comm= -p $PPID").asRoot(), T);
        assertThat(r.stdoutText()).startsWith("0\n").doesNotContain("sudo");
    }

    @Test
    void put_and_get_round_trip_with_mode_replacing_the_old_file(@TempDir Path unused) throws Exception {
        Path dir = Files.createTempDirectory(SSHD.dir(), "files-");
        Path target = dir.resolve("limits.conf");
        Files.writeString(target, "old content");
        byte[] content = new byte[3_000_000];
        new Random(42).nextBytes(content);
        ssh.put(content, target.toString(), 0640);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(ssh.get(target.toString())).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        ssh.put("".getBytes(StandardCharsets.UTF_8), target.toString(), 0755);
        assertThat(Files.size(target)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void a_local_file_is_streamed_to_the_host_with_its_mode_and_nothing_left_beside_it(@TempDir Path local) throws Exception {
        Path dir = Files.createTempDirectory(SSHD.dir(), "files-");
        Path target = dir.resolve("minio");
        byte[] content = new byte[5_000_123];
        new Random(43).nextBytes(content);
        Path source = Files.write(local.resolve("minio"), content);

        List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        ssh.putFile(source, target.toString(), 0755, sent::add);

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
        assertThat(sent).as("the bytes sent, told as the upload goes").hasSizeGreaterThan(1).isSorted()
                .last().isEqualTo((long) content.length);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThatThrownBy(() -> ssh.putFile(local.resolve("missing"), target.toString(), 0755))
                .isInstanceOf(RemoteException.class).hasMessageContaining("missing");
        assertThat(Files.readAllBytes(target)).as("a failed put leaves the old file").isEqualTo(content);
    }

    @Test
    void file_errors_name_host_and_path() {
        assertThatThrownBy(() -> ssh.get("/nonexistent/file"))
                .isInstanceOf(RemoteException.class)
                .hasMessage("node1: read /nonexistent/file: no such file or directory");
        assertThatThrownBy(() -> ssh.put(new byte[] {1}, "/nonexistent/dir/file", 0644))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("node1: write /nonexistent/dir/file: upload to /nonexistent/dir/.file.aistorctl-")
                .hasMessageEndingWith("no such file or directory");
    }

    @Test
    void a_closed_port_fails_quickly_and_clearly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SshSettings s = settings("node9", SSHD, key, knownHosts).port(closed).build();
        assertThatThrownBy(() -> SshConnector.connect(s, NO_PASSPHRASE))
                .isInstanceOf(RemoteException.class)
                .hasMessage("node9: connect to 127.0.0.1:" + closed
                        + ": connection refused (is sshd running and listening on that port?)");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_port_that_never_speaks_ssh_fails_within_the_connect_timeout() throws Exception {
        try (ServerSocket silent = silentPort()) {
            SshSettings s = onSilentPort("node8", silent, Duration.ofSeconds(2));
            // Without the connect timeout the handshake would wait on the silent port for ever.
            assertThatThrownBy(() -> SshConnector.connect(s, NO_PASSPHRASE))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageStartingWith("node8: connect to 127.0.0.1:" + silent.getLocalPort());
        }
    }

    /** A run being stopped interrupts its threads: a handshake waiting on a silent port ends then, not at its timeout. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void an_interrupted_connect_ends_at_once_instead_of_at_the_connect_timeout() throws Exception {
        try (ServerSocket silent = silentPort()) {
            // An hour: only the interrupt can end this handshake before the test's own timeout fails it.
            SshSettings s = onSilentPort("node7", silent, Duration.ofHours(1));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> connecting = pool.submit(() -> SshConnector.connect(s, NO_PASSPHRASE));
                Thread.sleep(500);
                connecting.cancel(true);
                pool.shutdown();
                assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("the connect heeded the interrupt").isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A port that accepts connections and never says a word: a handshake on it waits for the server's banner. */
    private static ServerSocket silentPort() throws IOException {
        return new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
    }

    private static SshSettings onSilentPort(String host, ServerSocket silent, Duration connectTimeout) {
        return settings(host, SSHD, key, knownHosts).port(silent.getLocalPort()).connectTimeout(connectTimeout).build();
    }
}
