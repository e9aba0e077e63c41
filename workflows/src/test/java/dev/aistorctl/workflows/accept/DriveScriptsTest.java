package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.facts.parse.DdSummaryParser;
import dev.aistorctl.facts.parse.TransferResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The measuring script without fio (dd, and python3 writing with dd reading), run here on two directories standing for two data mounts (the build machine's filesystem
 * takes direct I/O): every write moves the whole file, laid out and then overwritten, every read reads it back, and
 * nothing is left behind.
 */
class DriveScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dd", "python3+dd"})
    void writesAndReadsTheWholeLaidOutFileOnEveryMountAndLeavesNothing(String tool, @TempDir Path dir) throws Exception {
        Path one = Files.createDirectories(dir.resolve("drive1"));
        Path two = Files.createDirectories(dir.resolve("drive2"));
        Files.writeString(two.resolve("keep.txt"), "not accept's");

        Command c = DriveScripts.measure(tool, 4, 30, List.of(one.toString(), two.toString()));
        Process p = new ProcessBuilder(c.argv()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out + err).isZero();

        Map<String, String> sections = DriveBench.sections(out);
        assertThat(sections).containsOnlyKeys("1 write", "1 read", "2 write", "2 read");
        for (Map.Entry<String, String> e : sections.entrySet()) {
            TransferResult r = DdSummaryParser.parse(e.getValue());
            assertThat(r.measured()).as(e.getKey() + ": " + e.getValue()).isTrue();
            assertThat(r.bytes()).as(e.getKey()).isEqualTo(4L << 20);
        }
        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.filter(Files::isRegularFile).toList()).containsExactly(two.resolve("keep.txt"));
        }
    }
}
