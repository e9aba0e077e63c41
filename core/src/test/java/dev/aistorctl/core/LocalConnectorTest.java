package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConnectorTest {
    private static final Duration T = Duration.ofSeconds(20);
    private final LocalConnector local = new LocalConnector("controller");

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void exit_code_stdout_and_stderr_are_kept_apart() {
        ExecResult r = local.run(Command.script("echo out; echo err >&2; exit 3"), T);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdoutText()).isEqualTo("out\n");
        assertThat(r.stderrText()).isEqualTo("err\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void stdin_reaches_the_command_and_binary_output_comes_back_intact() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        ExecResult r = local.run(Command.of("cat"), all, T);
        assertThat(r.stdout()).isEqualTo(all);
    }

    @Test
    void commands_run_with_lc_all_c_unless_they_set_it() {
        assertThat(local.run(Command.script("echo $LC_ALL"), T).stdoutText()).isEqualTo("C\n");
        assertThat(local.run(Command.script("echo $LC_ALL").withEnv("LC_ALL", "POSIX"), T).stdoutText())
                .isEqualTo("POSIX\n");
    }

    @Test
    void hostile_arguments_arrive_as_single_words() {
        String hostile = "$(echo pwned) `id` ; rm -rf / 'x' \n *";
        ExecResult r = local.run(Command.of("printf", "%s", hostile), T);
        assertThat(r.stdoutText()).isEqualTo(hostile);
        String unicode = "日本語 🚀 ünï";
        assertThat(local.run(Command.of("printf", "%s", unicode), T).stdoutText()).isEqualTo(unicode);
    }

    @Test
    void timeout_kills_the_whole_process_tree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // The shell starts a background child that would outlive a plain kill of the shell.
        Command c = Command.script("sleep 60 & echo $! > " + ShellQuote.quote(pidFile.toString()) + "; wait");
        long start = System.nanoTime();
        assertThatThrownBy(() -> local.run(c, Duration.ofMillis(700)))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("controller")
                .hasMessageContaining("timed out after 700ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(isRunning(childPid)).as("background child %d still running", childPid).isFalse();
    }

    /** A killed process may linger as a zombie until someone reaps it; that is not running. */
    private static boolean isRunning(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        char state = s.charAt(s.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    @Test
    void large_output_is_read_completely() {
        ExecResult r = local.run(Command.of("head", "-c", "5000000", "/dev/zero"), T);
        assertThat(r.stdout()).hasSize(5_000_000);
    }

    @Test
    void put_writes_atomically_with_mode_and_get_reads_back(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sysctl.conf");
        Files.writeString(target, "old");
        byte[] content = new byte[100_000];
        new Random(7).nextBytes(content);
        local.put(content, target.toString(), 0640);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(local.get(target.toString())).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temp file left behind
        }
    }

    @Test
    void a_local_file_is_copied_atomically_with_its_mode(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("minio");
        Files.writeString(target, "old");
        byte[] content = new byte[300_000];
        new Random(8).nextBytes(content);
        Path source = Files.write(Files.createDirectory(dir.resolve("src")).resolve("minio"), content);

        local.putFile(source, target.toString(), 0755);

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, dir.resolve("src"));
        }
    }

    @Test
    void put_into_a_missing_directory_names_host_and_path() {
        assertThatThrownBy(() -> local.put("x".getBytes(StandardCharsets.UTF_8), "/nonexistent-dir/f", 0644))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("controller: write /nonexistent-dir/f");
    }

    @Test
    void get_of_a_missing_file_names_host_and_path() {
        assertThatThrownBy(() -> local.get("/nonexistent-file"))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("controller: read /nonexistent-file");
    }

    @Test
    void privileged_commands_run_as_root() {
        // The tests run as root (see TestSshd); there sudo is not needed and not added.
        assertThat(local.run(Command.of("id", "-u").asRoot(), T).stdoutText().strip()).isEqualTo("0");
    }
}
