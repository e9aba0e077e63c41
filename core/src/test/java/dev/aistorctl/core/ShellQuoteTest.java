package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        " ",
        "two words",
        "it's",
        "''",
        "'\\''",
        "\"double\"",
        "$(touch /tmp/pwned)",
        "`id`",
        "${HOME}",
        "$HOME",
        "a;b",
        "a && b",
        "a|b",
        "a > /etc/passwd",
        "line1\nline2",
        "\n",
        "tab\there",
        "\r\n",
        "*",
        "/etc/*.conf",
        "?",
        "[a-z]",
        "{a,b}",
        "~",
        "~root",
        "#comment",
        "!",
        "-rf",
        "--help",
        "-",
        "x=y",
        "PATH=/tmp",
        "\\",
        "back\\slash",
        "ünïcödé",
        "日本語",
        "emoji 🚀",
        "\u00a0nbsp",
        "\u0001\u0007\u001b[31m",
        "%s%n",
    })
    void sh_gets_back_exactly_the_quoted_word(String hostile) throws Exception {
        String script = "printf %s " + ShellQuote.quote(hostile);
        assertThat(Sh.runStdin(script)).isEqualTo(hostile.getBytes(StandardCharsets.UTF_8));
        if (hostile.chars().allMatch(c -> c < 128)) {
            assertThat(Sh.runC(script)).isEqualTo(hostile.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void command_substitution_is_not_executed(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("pwned");
        String[] attacks = {"$(touch " + marker + ")", "`touch " + marker + "`", "x; touch " + marker,
            "x\ntouch " + marker, "'; touch " + marker + "; '"};
        for (String attack : attacks) {
            Sh.runC("printf %s " + ShellQuote.quote(attack) + " >/dev/null");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void globs_are_not_expanded(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "");
        Files.writeString(dir.resolve("b.txt"), "");
        byte[] out = Sh.runC("cd " + ShellQuote.quote(dir.toString()) + " && printf '%s\\n' " + ShellQuote.quote("*.txt"));
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("*.txt\n");
    }

    @Test
    void plain_words_stay_readable() {
        assertThat(ShellQuote.quote("/dev/nvme0n1")).isEqualTo("/dev/nvme0n1");
        assertThat(ShellQuote.quote("--output=json")).isEqualTo("--output=json");
        assertThat(ShellQuote.quote("user@host:22")).isEqualTo("user@host:22");
    }

    @Test
    void a_word_shaped_like_an_assignment_is_quoted_so_it_cannot_set_a_variable() throws Exception {
        assertThat(ShellQuote.quote("PATH=/tmp")).isEqualTo("'PATH=/tmp'");
        // In command position an unquoted NAME=value would be an assignment, not a program to run.
        byte[] out = Sh.runC(ShellQuote.join(List.of("X=1", "2>/dev/null")) + "; echo rc=$?");
        assertThat(new String(out, StandardCharsets.UTF_8).strip()).isEqualTo("rc=127");
    }

    @Test
    void empty_string_is_one_empty_argument() throws Exception {
        byte[] out = Sh.runC("set -- " + ShellQuote.join(List.of("", "b", "")) + "; echo $#");
        assertThat(new String(out, StandardCharsets.UTF_8).strip()).isEqualTo("3");
    }

    @Test
    void leading_dash_stays_a_single_word_and_double_dash_keeps_it_an_operand(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("-rf"), "x");
        Sh.runC("cd " + ShellQuote.quote(dir.toString()) + " && " + ShellQuote.join(List.of("rm", "--", "-rf")));
        assertThat(file).doesNotExist();
    }

    @Test
    void nul_cannot_be_quoted_because_no_argument_can_carry_it() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void join_keeps_word_boundaries() throws Exception {
        List<String> words = List.of("a b", "c'd", "$e", "", "f\ng");
        byte[] out = Sh.runC("printf '<%s>' " + ShellQuote.join(words));
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("<a b><c'd><$e><><f\ng>");
    }
}
