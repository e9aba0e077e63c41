package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script tune applies, run by a real shell on files of this machine. */
class ChangeScriptTest {

    @Test
    void aFileIsReplacedWholeWithItsModeAndNothingBesideIt(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("60-aistor.conf"), "old\n");

        Result r = run("", new ChangeScript().file(target.toString(), "new\n"));

        assertThat(r.exit).as(r.err).isZero();
        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(Files.getPosixFilePermissions(target)).hasSize(4);
        assertThat(names(dir)).containsExactly("60-aistor.conf");
    }

    /** A full file system, as /etc on a full disk: the write fails, and neither half a file nor the temporary one stays. */
    @Test
    void aFileThatCannotBeWrittenLeavesTheOldOneAndNoTemporaryFileAndStopsTheScript(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("60-aistor.conf"), "old\n");

        // No file may grow past 0 blocks: the first byte written fails, as on a file system with no space left.
        Result r = run("ulimit -f 0; ", new ChangeScript().file(target.toString(), "new\n").raw("echo after"));

        assertThat(Files.readString(target)).isEqualTo("old\n");
        assertThat(names(dir)).as("no temporary file left beside the old one").containsExactly("60-aistor.conf");
        assertThat(r.exit).isNotZero();
        assertThat(r.out).as("nothing after the failed write runs").doesNotContain("after");
        assertThat(r.err).contains("cannot write " + target);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String prefix, ChangeScript script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", prefix + script.text()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
