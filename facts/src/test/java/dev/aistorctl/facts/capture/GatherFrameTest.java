package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame's scratch directory is mktemp's or none: never a predictable path under /tmp. */
class GatherFrameTest {

    @Test
    void withoutMktempTheScriptStopsAndSaysWhyInsteadOfUsingAFixedTmpPath(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("gather.sh");
        Files.writeString(script, Gatherer.script(Set.of("swaps.txt"), ""));
        Path missing = dir.resolve("no-such-dir");

        ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(false);
        pb.environment().put("TMPDIR", missing.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(70);
        assertThat(err).contains("cannot create a private temporary directory (mktemp -d failed");
        assertThat(out).isEmpty();
        assertThat(Path.of("/tmp/aistorctl-gather." + p.pid())).doesNotExist();
    }

    @Test
    void theFrameNamesNoFixedTemporaryPath() throws IOException {
        String frame = Gatherer.script(Set.of("swaps.txt"), "");

        assertThat(frame).contains("mktemp -d").doesNotContain("/tmp/");
    }
}
