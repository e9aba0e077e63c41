package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.LocalConnector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A batch of reads run by a real shell gives back, for each read, what the read alone would have given. */
class ReadBatchTest {
    private final LocalConnector shell = new LocalConnector("local");

    @Test
    void every_read_gets_its_own_stdout_stderr_and_exit_status_byte_for_byte() {
        List<Command> reads = List.of(
                Command.of("printf", "no newline at the end"),
                Command.script("printf 'out\\n\\n'; printf 'err\\n' >&2; exit 3"),
                Command.script("printf '\\000\\377\\t binary\\n'"),
                Command.script("printf 'begin 0\\nend 0 0\\n'; printf '\\nend 1\\n' >&2"),
                Command.of("sh", "-c", "exit 0"),
                Command.script("cat; echo \"stdin read, $LANG_CHECK\""),
                Command.script("printf '%s\\n' \"$LANG_CHECK\"").withEnv("LANG_CHECK", "its own env"),
                Command.of("sh", "-c", "exit 42"));

        ReadBatch batch = ReadBatch.of(reads);
        List<Optional<ExecResult>> answers = batch.answers(shell.run(batch.command()));

        assertThat(answers).hasSize(reads.size()).allSatisfy(a -> assertThat(a).isPresent());
        for (int i = 0; i < reads.size(); i++) {
            ExecResult alone = shell.run(reads.get(i));
            ExecResult batched = answers.get(i).orElseThrow();
            assertThat(batched.exitCode()).as("exit of read %d", i).isEqualTo(alone.exitCode());
            assertThat(batched.stdout()).as("stdout of read %d", i).isEqualTo(alone.stdout());
            assertThat(batched.stderr()).as("stderr of read %d", i).isEqualTo(alone.stderr());
        }
        assertThat(answers.get(1).orElseThrow().stdoutText()).isEqualTo("out\n\n");
        assertThat(answers.get(1).orElseThrow().stderrText()).isEqualTo("err\n");
        assertThat(answers.get(7).orElseThrow().exitCode()).isEqualTo(42);
    }

    @Test
    void a_read_that_exits_or_changes_directory_does_not_stop_or_move_the_reads_after_it() {
        List<Command> reads = List.of(Command.of("exit", "7"), Command.of("cd", "/"), Command.of("pwd"));

        ReadBatch batch = ReadBatch.of(reads);
        List<Optional<ExecResult>> answers = batch.answers(shell.run(batch.command()));

        assertThat(answers.get(0).orElseThrow().exitCode()).isEqualTo(7);
        assertThat(answers.get(2).orElseThrow().stdoutText()).isEqualTo(shell.run(Command.of("pwd")).stdoutText());
    }

    @Test
    void a_read_whose_frame_is_missing_has_no_answer() {
        ReadBatch batch = ReadBatch.of(List.of(Command.of("true"), Command.of("false")), "0123456789abcdef0123456789abcdef");
        // What sudo prints when it refuses: no frame at all.
        ExecResult refused = new ExecResult(1, new byte[0], "sudo: a password is required\n".getBytes(StandardCharsets.UTF_8),
                java.time.Duration.ZERO);
        assertThat(batch.answers(refused)).containsExactly(Optional.empty(), Optional.empty());

        // A batch cut off after its first read: the second has no end line.
        String out = "0123456789abcdef0123456789abcdef begin 0\n\n0123456789abcdef0123456789abcdef end 0 0\n"
                + "0123456789abcdef0123456789abcdef begin 1\n";
        String err = "0123456789abcdef0123456789abcdef begin 0\n\n0123456789abcdef0123456789abcdef end 0\n"
                + "0123456789abcdef0123456789abcdef begin 1\n";
        ExecResult cut = new ExecResult(137, out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8),
                java.time.Duration.ZERO);
        List<Optional<ExecResult>> answers = batch.answers(cut);
        assertThat(answers.get(0)).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(answers.get(1)).isEmpty();
    }

    @Test
    void reads_as_root_and_reads_as_the_login_user_never_share_a_batch() {
        Command root1 = Command.of("cat", "/proc/swaps").asRoot();
        Command user1 = Command.of("uname", "-m");
        Command root2 = Command.of("cat", "/etc/fstab").asRoot();
        Command user2 = Command.of("id", "-u");

        List<ReadBatch> batches = ReadBatch.split(List.of(root1, user1, root2, user2));

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).reads()).containsExactly(user1, user2);
        assertThat(batches.get(0).command().privileged()).isFalse();
        assertThat(batches.get(1).reads()).containsExactly(root1, root2);
        assertThat(batches.get(1).command().privileged()).isTrue();
        assertThatThrownBy(() -> ReadBatch.of(List.of(root1, user1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reads_too_long_for_one_argument_go_in_several_batches_and_one_too_long_alone_in_none() {
        String big = "x".repeat(ReadBatch.MAX_LINE / 3);
        Command a = Command.of("printf", big + "a");
        Command b = Command.of("printf", big + "b");
        Command c = Command.of("printf", big + "c");
        Command huge = Command.of("printf", "y".repeat(ReadBatch.MAX_LINE + 1));

        List<ReadBatch> batches = ReadBatch.split(List.of(a, b, huge, c));

        assertThat(batches).extracting(ReadBatch::reads).containsExactly(List.of(a, b), List.of(c));
        assertThat(batches).allSatisfy(batch -> assertThat(batch.answers(shell.run(batch.command())))
                .allSatisfy(answer -> assertThat(answer).isPresent()));
    }
}
