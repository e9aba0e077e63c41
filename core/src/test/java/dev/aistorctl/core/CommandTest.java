package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void shell_line_quotes_every_argument() {
        assertThat(Command.of("mkfs.xfs", "-L", "my disk", "/dev/nvme0n1").toShellLine())
                .isEqualTo("mkfs.xfs -L 'my disk' /dev/nvme0n1");
    }

    @Test
    void brief_names_a_script_by_its_first_line_and_cuts_a_long_line() {
        assertThat(Command.script("set -e\nw /proc/sys/x 1\n").brief()).isEqualTo("sh -c 'set -e ...");
        assertThat(Command.of("true").brief()).isEqualTo("true");
        String longLine = Command.of("echo", "x".repeat(500)).brief();
        assertThat(longLine).hasSize(164).startsWith("echo xxx").endsWith("x ...");
    }

    @Test
    void env_goes_first_through_env_sorted_by_name() {
        Command c = Command.of("lsblk", "-J").withEnv("LC_ALL", "C").withEnv("A_B", "x y");
        assertThat(c.toShellLine()).isEqualTo("env A_B='x y' LC_ALL=C lsblk -J");
    }

    @Test
    void env_values_reach_the_program_exactly() throws Exception {
        String hostile = "$(id) `id` 'q' \"d\" \n; x=y *";
        Command c = Command.of("sh", "-c", "printf %s \"$V\"").withEnv("V", hostile);
        assertThat(Sh.runC(c.toShellLine())).isEqualTo(hostile.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void env_names_that_are_not_posix_names_are_refused() {
        assertThatThrownBy(() -> Command.of("true").withEnv("-i", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of("true").withEnv("A B", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of("true").withEnv("A=B", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of("true").withEnv("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void with_default_env_keeps_what_the_caller_set() {
        Command c = Command.of("date").withEnv("LC_ALL", "en_US.UTF-8").withDefaultEnv("LC_ALL", "C");
        assertThat(c.env()).containsEntry("LC_ALL", "en_US.UTF-8");
        assertThat(Command.of("date").withDefaultEnv("LC_ALL", "C").env()).containsEntry("LC_ALL", "C");
    }

    @Test
    void as_root_marks_privileged_and_keeps_everything_else() {
        Command plain = Command.of("sysctl", "-w", "vm.swappiness=1").withEnv("LC_ALL", "C");
        Command root = plain.asRoot();
        assertThat(root.privileged()).isTrue();
        assertThat(plain.privileged()).isFalse();
        assertThat(root.argv()).isEqualTo(plain.argv());
        assertThat(root.env()).isEqualTo(plain.env());
        assertThat(root.toShellLine()).isEqualTo(plain.toShellLine());
        assertThat(root.withEnv("X", "1").privileged()).isTrue();
    }

    @Test
    void argv_and_env_are_immutable_copies() {
        List<String> argv = new java.util.ArrayList<>(List.of("ls"));
        Command c = new Command(argv, Map.of(), false);
        argv.add("-l");
        assertThat(c.argv()).containsExactly("ls");
        assertThatThrownBy(() -> c.argv().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void empty_argv_is_refused() {
        assertThatThrownBy(() -> Command.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_program_name_with_equals_sign_is_refused_when_env_precedes_it() {
        assertThatThrownBy(() -> Command.of("A=b", "x").withEnv("LC_ALL", "C"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void script_runs_fixed_text_through_sh() throws Exception {
        assertThat(Command.script("echo $((1+2))").toShellLine()).isEqualTo("sh -c 'echo $((1+2))'");
        assertThat(new String(Sh.runC(Command.script("echo $((1+2))").toShellLine()), StandardCharsets.UTF_8))
                .isEqualTo("3\n");
    }
}
