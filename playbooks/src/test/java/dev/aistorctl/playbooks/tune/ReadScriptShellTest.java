package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read script run by a real POSIX shell over real files, its output parsed as a step parses it: every value comes
 * back as the file holds it, whichever way it travels (as text, or base64 when it has tabs, newlines or odd bytes),
 * and a plain value needs no tool but cat, which is what keeps a converged re-run cheap on the host.
 */
class ReadScriptShellTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Runs the script as a host would (LC_ALL=C), with only the tools on {@code path}; returns its stdout. */
    private static String run(ReadScript script, String path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script.text()).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("LC_ALL", "C");
        env.put("PATH", path);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("the script's exit; stderr: %s", err).isZero();
        return out;
    }

    /** A directory holding only a link to cat: the tools a host needs for plain values. */
    private Path onlyCat() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path cat = Files.exists(Path.of("/bin/cat")) ? Path.of("/bin/cat") : Path.of("/usr/bin/cat");
        Files.createSymbolicLink(bin.resolve("cat"), cat);
        return bin;
    }

    @Test
    void plainValuesComeBackAsTheyAreWithNoToolButCat() throws Exception {
        Path wanted = file("somaxconn", "4096\n");
        Path other = file("scheduler", "[none] mq-deadline kyber\n");
        Path empty = file("empty", "");
        ReadScript script = new ReadScript()
                .sysfs("wanted", wanted.toString(), "4096")
                .sysfs("other", other.toString(), "none")
                .sysfs("empty", empty.toString(), "x")
                .sysfs("absent", dir.resolve("nothing-here").toString(), "1");

        ObservedState s = ObservedState.parse("host1", run(script, onlyCat().toString()));

        assertThat(s.value("wanted")).get().satisfies(v -> {
            assertThat(v.access()).isEqualTo(ObservedState.Access.OK);
            assertThat(v.value()).isEqualTo("4096");
        });
        assertThat(s.value("other").get().value()).isEqualTo("[none] mq-deadline kyber");
        assertThat(s.value("empty").get().value()).isEmpty();
        assertThat(s.value("absent").get().access()).isEqualTo(ObservedState.Access.ABSENT);
    }

    @Test
    void valuesWithTabsRunsOfSpacesNewlinesOrOddBytesSurviveTheTrip() throws Exception {
        Path tabs = file("tcp_rmem", "4096\t131072\t6291456\n");
        Path spaces = file("spaced", "a  b   c\n");
        Path accented = file("accented", "caf\u00e9\n");
        Path lines = file("lines", "one\ntwo\n");
        ReadScript script = new ReadScript()
                .sysfs("tabs", tabs.toString(), "4096 131072 6291456")
                .sysfs("spaces", spaces.toString(), "")
                .sysfs("accented", accented.toString(), "")
                .command("lines", "cat", lines.toString())
                .command("plain", "cat", file("plain", "ok\n").toString());

        ObservedState s = ObservedState.parse("host1", run(script, System.getenv("PATH")));

        assertThat(s.value("tabs").get().value()).isEqualTo("4096 131072 6291456");
        assertThat(s.value("spaces").get().value()).isEqualTo("a b c");
        assertThat(s.value("accented").get().value()).isEqualTo("caf\u00e9");
        assertThat(s.output("lines")).contains(new ObservedState.Output(0, "one\ntwo"));
        assertThat(s.output("plain")).contains(new ObservedState.Output(0, "ok"));
    }

    @Test
    void aValueThatCannotBeReadIsUnreadableAndOneThatCannotBeWrittenIsRefusedWithTheShellsReason() throws Exception {
        // A directory exists but cat cannot read it; /proc/self/stat reads for anyone and is written by no one.
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        ReadScript script = new ReadScript()
                .sysfs("directory", directory.toString(), "1")
                // What sysctl() writes for a key, at a path that refuses every write.
                .raw("v stat /proc/self/stat 'not what it holds' probe");

        ObservedState s = ObservedState.parse("host1", run(script, System.getenv("PATH")));

        assertThat(s.value("directory").get().access()).isEqualTo(ObservedState.Access.UNREADABLE);
        ObservedState.Value stat = s.value("stat").get();
        assertThat(stat.access()).isEqualTo(ObservedState.Access.REFUSED);
        // The shell's own message ("sh: 10: printf: printf: I/O error"), and its last part said as the reason.
        assertThat(stat.error()).startsWith("sh: ");
        assertThat(stat.whyNot()).isNotBlank().doesNotContain("sh: ");
    }
}
