package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RunningCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SshRunningCommandTest {
    @RegisterExtension
    static TestSshd sshd = new TestSshd();

    private SshConnector connect(Path tmp) throws Exception {
        Path key = sshd.newClientKey("ed25519", "", false);
        Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"), false);
        return SshConnector.connect(SshSettings.builder("node01", key, knownHosts)
                .address(sshd.address()).port(sshd.port()).user("root").build());
    }

    @Test
    void a_remote_command_sees_end_of_input_when_the_connection_drops(@TempDir Path tmp) throws Exception {
        Path done = tmp.resolve("done");
        SshConnector ssh = connect(tmp);
        RunningCommand cmd = ssh.start(Command.of("sh", "-c", "echo started; cat >/dev/null; echo eof > \"$1\"",
                "sh", done.toString()));
        assertThat(new BufferedReader(new InputStreamReader(cmd.stdout(), StandardCharsets.UTF_8)).readLine())
                .isEqualTo("started");
        assertThat(done).doesNotExist();

        ssh.close(); // the whole connection, not the command: as when the controller dies

        assertThat(waitFor(done, Duration.ofSeconds(10))).as("the remote command ended after the connection dropped")
                .isTrue();
    }

    @Test
    void closing_a_remote_command_closes_its_input(@TempDir Path tmp) throws Exception {
        Path done = tmp.resolve("done");
        try (SshConnector ssh = connect(tmp)) {
            RunningCommand cmd = ssh.start(Command.of("sh", "-c", "echo started; cat >/dev/null; echo eof > \"$1\"",
                    "sh", done.toString()));
            assertThat(new BufferedReader(new InputStreamReader(cmd.stdout(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo("started");
            cmd.close();
            assertThat(waitFor(done, Duration.ofSeconds(10))).isTrue();
            assertThat(cmd.isAlive()).isFalse();
            // The connection stays usable for other commands.
            assertThat(ssh.run(Command.of("echo", "still here")).stdoutText()).isEqualTo("still here\n");
        }
    }

    private static boolean waitFor(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
