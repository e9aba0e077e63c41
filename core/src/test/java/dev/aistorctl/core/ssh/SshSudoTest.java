package dev.aistorctl.core.ssh;

import static dev.aistorctl.core.ssh.SshTestSupport.NO_PASSPHRASE;
import static dev.aistorctl.core.ssh.SshTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** become: sudo with non-root logins: two throwaway users, one with passwordless sudo, one without. */
class SshSudoTest {
    private static final Duration T = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    static TestUser withSudo;
    static TestUser withoutSudo;
    static Path key;
    static Path knownHosts;
    static Path rootOnlyDir;

    @BeforeAll
    static void users() throws Exception {
        withSudo = TestUser.create(true);
        withoutSudo = TestUser.create(false);
        key = SSHD.newClientKey("ed25519", "", false);
        knownHosts = SSHD.writeKnownHosts(SSHD.dir().resolve("known_hosts"), false);
        rootOnlyDir = Files.createTempDirectory("root-only-");
        Files.setPosixFilePermissions(rootOnlyDir, PosixFilePermissions.fromString("rwx------"));
        // The non-root users must be able to reach the sshd temp dir's authorized_keys through StrictModes no.
        Files.setPosixFilePermissions(SSHD.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void removeUsers() throws Exception {
        if (withSudo != null) {
            withSudo.close();
        }
        if (withoutSudo != null) {
            withoutSudo.close();
        }
        if (rootOnlyDir != null) {
            try (var files = Files.walk(rootOnlyDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static SshConnector connect(TestUser user, Become become) {
        return SshConnector.connect(settings("node1", SSHD, key, knownHosts).user(user.name()).become(become).build(),
                NO_PASSPHRASE);
    }

    @Test
    void privileged_commands_run_as_root_through_sudo_and_others_as_the_login_user() {
        try (SshConnector ssh = connect(withSudo, Become.SUDO)) {
            assertThat(ssh.run(Command.of("id", "-un"), T).stdoutText()).isEqualTo(withSudo.name() + "\n");
            assertThat(ssh.run(Command.of("id", "-u").asRoot(), T).stdoutText()).isEqualTo("0\n");
            assertThat(ssh.run(Command.script("echo \"$LC_ALL\"").asRoot(), T).stdoutText()).isEqualTo("C\n");
            String hostile = "$(id) 'q' \n *";
            assertThat(ssh.run(Command.of("printf", "%s", hostile).asRoot(), T).stdoutText()).isEqualTo(hostile);
        }
    }

    @Test
    void files_in_root_only_places_are_written_and_read_through_sudo() throws Exception {
        Path target = rootOnlyDir.resolve("aistor.env");
        try (SshConnector ssh = connect(withSudo, Become.SUDO)) {
            ssh.put("MINIO_VOLUMES=/mnt/drive{1...8}\n".getBytes(), target.toString(), 0640);
            assertThat(Files.readString(target)).isEqualTo("MINIO_VOLUMES=/mnt/drive{1...8}\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
            assertThat(Files.getOwner(target).getName()).isEqualTo("root");
            assertThat(new String(ssh.get(target.toString()))).isEqualTo("MINIO_VOLUMES=/mnt/drive{1...8}\n");
        }
        try (var staging = Files.list(Path.of("/tmp"))) {
            assertThat(staging.filter(p -> p.getFileName().toString().startsWith(".aistorctl-"))).isEmpty();
        }
        try (var files = Files.list(rootOnlyDir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void a_secret_written_through_sudo_never_becomes_a_file_of_the_login_user() throws Exception {
        Path dir = Files.createTempDirectory("root-only-secret-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path target = dir.resolve("secret.env");
        try (SshConnector ssh = connect(withSudo, Become.SUDO)) {
            ssh.put("MINIO_ROOT_PASSWORD=s3cr3t-in-transit\n".getBytes(), target.toString(), 0600);
        }

        assertThat(Files.readString(target)).isEqualTo("MINIO_ROOT_PASSWORD=s3cr3t-in-transit\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        // No SFTP session means no staging file under /tmp that an interrupted step could leave behind.
        assertThat(SSHD.log()).doesNotContain("Starting session: subsystem 'sftp' for " + withSudo.name());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        Files.delete(target);
        Files.delete(dir);
    }

    @Test
    void sudo_that_wants_a_password_is_a_clear_error_naming_the_user() {
        try (SshConnector ssh = connect(withoutSudo, Become.SUDO)) {
            assertThat(ssh.run(Command.of("id", "-un"), T).ok()).isTrue();
            assertThatThrownBy(() -> ssh.run(Command.of("id", "-u").asRoot(), T))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageStartingWith("node1: run ")
                    .hasMessageContaining("passwordless sudo is needed for user " + withoutSudo.name())
                    .hasMessageContaining("a password is required");
            assertThatThrownBy(() -> ssh.put(new byte[] {1}, rootOnlyDir.resolve("x").toString(), 0600))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("passwordless sudo is needed for user " + withoutSudo.name());
        }
    }

    @Test
    void without_become_a_privileged_command_is_refused_before_it_runs() {
        try (SshConnector ssh = connect(withSudo, Become.NONE)) {
            assertThatThrownBy(() -> ssh.run(Command.of("id").asRoot(), T))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("needs root, but " + withSudo.name() + " is not root and become is none");
        }
    }

    @Test
    void a_timed_out_privileged_command_is_killed_too() throws Exception {
        try (SshConnector ssh = connect(withSudo, Become.SUDO)) {
            assertThatThrownBy(() -> ssh.run(Command.of("sleep", "27.1828").asRoot(), Duration.ofSeconds(1)))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("timed out after 1s");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (running("27.1828") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running("27.1828")).isFalse();
        }
    }

    private static boolean running(String arg) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> java.util.List.of(a).contains(arg)).orElse(false) && p.isAlive() && !zombie(p.pid()));
    }

    private static boolean zombie(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
