package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningCommandTest {
    private final LocalConnector local = new LocalConnector("controller");

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void a_started_command_talks_while_it_runs_and_sees_end_of_input_when_closed(@TempDir Path dir) throws Exception {
        Path done = dir.resolve("done");
        RunningCommand cmd = local.start(Command.of("sh", "-c", "while read l; do echo \"got $l\"; done; echo eof > \"$1\"",
                "sh", done.toString()));
        BufferedReader out = new BufferedReader(new InputStreamReader(cmd.stdout(), StandardCharsets.UTF_8));
        cmd.stdin().write("one\n".getBytes(StandardCharsets.UTF_8));
        cmd.stdin().flush();
        assertThat(out.readLine()).isEqualTo("got one");
        assertThat(cmd.isAlive()).isTrue();

        cmd.close();

        assertThat(cmd.isAlive()).isFalse();
        assertThat(Files.readString(done)).isEqualTo("eof\n");
    }

    @Test
    void a_started_command_runs_with_lc_all_c() throws Exception {
        try (RunningCommand cmd = local.start(Command.script("echo $LC_ALL; cat >/dev/null"))) {
            assertThat(new BufferedReader(new InputStreamReader(cmd.stdout(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo("C");
        }
    }

    @Test
    void a_command_that_ignores_end_of_input_is_killed_on_close() {
        RunningCommand cmd = local.start(Command.of("sleep", "600"));
        long started = System.nanoTime();
        cmd.close();
        assertThat(cmd.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
